#!/usr/bin/env bash
# `npm run demo`: a fresh demo board in prisma/demo.db (your own database is left alone),
# with the demo jurors ready, served at http://localhost:${PORT:-3000}. demo-reset.ts reads
# the options first: an unknown one, or a demo database a running board has open, stops
# here before anything is deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/demo-reset.ts "$@"
if [ "$#" -gt 0 ]; then exit 0; fi # --help (the only option) was printed
export DATABASE_URL="file:./prisma/demo.db"
npx tsx scripts/migrate.ts --seed --quiet
npx tsx scripts/demo-data.ts
exec npx tsx src/server.ts
