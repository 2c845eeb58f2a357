#!/usr/bin/env bash
# `npm run demo`: a fresh demo board in prisma/demo.db (your own database is left alone),
# with the demo jurors ready, served at http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="file:./prisma/demo.db"
rm -f prisma/demo.db prisma/demo.db-wal prisma/demo.db-shm
npx prisma migrate deploy >/dev/null
npx tsx prisma/seed.ts
npx tsx scripts/demo-data.ts
exec npx tsx src/server.ts
