// `npm run backup [-- --out backups/my.db]`: a consistent copy of the SQLite database, safe
// while the board is serving. Default: backups/jongto-<UTC timestamp>.db
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDotEnv, parseEnv } from "../src/config/env.ts";
import { backupDatabase, sqlitePath } from "../src/db/backup.ts";

loadDotEnv();
const { values } = parseArgs({ options: { out: { type: "string" } } });
const source = sqlitePath(parseEnv().DATABASE_URL);
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+/, "").replace("T", "-");
const out = path.resolve(values.out ?? `backups/jongto-${stamp}.db`);
await backupDatabase(source, out);
console.log(`backup written: ${out} (integrity_check: ok)`);
