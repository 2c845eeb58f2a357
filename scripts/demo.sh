#!/usr/bin/env bash
# `npm run demo`: a fresh demo board in prisma/demo.db (your own database is left alone),
# with the demo jurors ready, served at http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--help" ]; then
  echo "usage: npm run demo"
  echo
  echo "Starts a fresh demo database (prisma/demo.db, replaced each time) with the jury demo"
  echo "(board 999999, demo jurors, a spam post) and serves it; your own database is untouched."
  exit 0
fi
export DATABASE_URL="file:./prisma/demo.db"
rm -f prisma/demo.db prisma/demo.db-wal prisma/demo.db-shm
npx tsx scripts/migrate.ts --seed --quiet
npx tsx scripts/demo-data.ts
exec npx tsx src/server.ts
