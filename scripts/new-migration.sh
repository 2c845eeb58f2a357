#!/usr/bin/env bash
# Creates a migration from the difference between prisma/schema.prisma and the schema as of the
# newest migration (prisma/migrations/schema.snapshot.prisma), without `migrate dev` and without
# a shadow database, both of which fail with the JS schema engine (see docs/decisions/0001).
# Usage: scripts/new-migration.sh <name>
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh <name>}
cd "$(dirname "$0")/.."
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
sql=$(DATABASE_URL=file::memory: npx prisma migrate diff \
  --from-schema-datamodel prisma/migrations/schema.snapshot.prisma \
  --to-schema-datamodel prisma/schema.prisma --script)
if ! grep -q '[A-Z]' <<<"$sql" || grep -q '^-- This is an empty migration' <<<"$sql"; then
  echo "no schema change"; exit 0
fi
mkdir -p "$dir"
printf '%s\n' "$sql" >"$dir/migration.sql"
cp prisma/schema.prisma prisma/migrations/schema.snapshot.prisma
echo "wrote $dir/migration.sql"
