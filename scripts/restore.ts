// `npm run restore -- <backup file>`: puts a backup in place of DATABASE_URL's file.
// Stop the board first; the replaced database is kept as <file>.before-restore.
import { loadDotEnv, parseEnv } from "../src/config/env.ts";
import { restoreDatabase, sqlitePath } from "../src/db/backup.ts";

loadDotEnv();
const backup = process.argv[2];
if (!backup) {
  console.error("usage: npm run restore -- <backup file>   (stop the board first)");
  process.exit(2);
}
const target = sqlitePath(parseEnv().DATABASE_URL);
restoreDatabase(backup, target);
console.log(`restored ${backup} into ${target}; the previous database is at ${target}.before-restore`);
