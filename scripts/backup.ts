// `npm run backup [-- --out backups/my.db]`: a consistent copy of the SQLite database, safe
// while the board is serving. Default: backups/jongto-<UTC timestamp>.db
import path from "node:path";
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { backupDatabase } from "../src/db/backup.ts";
import { sqlitePath } from "../src/db/sqlite-file.ts";
import { commandEvents } from "../src/lib/notable-events.ts";

const { values } = parseCommand({
  name: "npm run backup --",
  usage: "[--out FILE]",
  summary: "Writes a consistent copy of the SQLite database (safe while the board serves) and checks it.",
  options: { out: { type: "string" } },
  optionHelp: { out: "where to write it (default: backups/jongto-<UTC time>.db)" },
  notes: ["PostgreSQL: use pg_dump (docs/deploy.md)."],
});

await runCommand("backup", async () => {
  const env = loadEnv();
  const source = sqlitePath(env.DATABASE_URL);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+/, "").replace("T", "-");
  const out = path.resolve(values.out ?? `backups/jongto-${stamp}.db`);
  await backupDatabase(source, out);
  console.log(`backup written: ${out} (integrity_check: ok)`);
  commandEvents(env.LOG_LEVEL).record("backup", { file: out }, "backup written");
});
