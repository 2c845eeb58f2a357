#!/usr/bin/env bash
# Creates the migration for a change to prisma/schema.prisma, for both databases, without
# `migrate dev` and without a shadow database, both of which fail with the JS schema engine
# (docs/decisions/0001, 0012). Each provider diffs the schema as of its newest migration
# (schema.snapshot.prisma in its migrations folder) against the current one.
# Usage: scripts/new-migration.sh <name>
# Needs a reachable PostgreSQL for the PostgreSQL diff: PG_URL, default the local `test` database.
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh <name>}
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y%m%d%H%M%S)
pg_url=${PG_URL:-postgresql://postgres@127.0.0.1:5432/test}

npx tsx scripts/pg-schema.ts # the PostgreSQL schema follows the SQLite one

# diff <migrations dir> <schema> <DATABASE_URL for the CLI's adapter> [--config file]
diff_into() {
  local dir=$1 schema=$2 url=$3; shift 3
  local sql
  sql=$(DATABASE_URL=$url npx prisma migrate diff "$@" \
    --from-schema-datamodel "$dir/schema.snapshot.prisma" --to-schema-datamodel "$schema" --script)
  if ! grep -q '[A-Z]' <<<"$sql" || grep -q '^-- This is an empty migration' <<<"$sql"; then
    echo "$dir: no schema change"; return
  fi
  mkdir -p "$dir/${stamp}_${name}"
  printf '%s\n' "$sql" >"$dir/${stamp}_${name}/migration.sql"
  cp "$schema" "$dir/schema.snapshot.prisma"
  echo "wrote $dir/${stamp}_${name}/migration.sql"
}

diff_into prisma/migrations prisma/schema.prisma "file::memory:"
diff_into prisma/postgres/migrations prisma/postgres/schema.prisma "$pg_url" --config prisma/postgres/prisma.config.ts
