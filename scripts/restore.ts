// `npm run restore -- <backup file>`: puts a backup in place of DATABASE_URL's file. Refuses
// while the board (or anything else) has the database open; the replaced database is kept
// as <file>.before-restore-<UTC time>.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { restoreDatabase } from "../src/db/backup.ts";
import { sqlitePath } from "../src/db/sqlite-file.ts";
import { OperatorError } from "../src/lib/operator-error.ts";

const { positionals } = parseCommand({
  name: "npm run restore --",
  usage: "<backup file>",
  summary: "Replaces the SQLite database with a checked backup. Stop the board first; the current database is kept beside it.",
  positionals: true,
});

await runCommand("restore", async () => {
  const [backup, ...extra] = positionals;
  if (!backup || extra.length > 0) throw new OperatorError("give exactly one backup file (see --help)");
  const target = sqlitePath(loadEnv().DATABASE_URL);
  const kept = restoreDatabase(backup, target);
  console.log(`restored ${backup} into ${target}${kept ? `; the previous database is at ${kept}` : ""}`);
});
