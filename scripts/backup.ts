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
  summary: "SQLite 데이터베이스의 일관된 사본을 만들고 검사합니다 (보드가 실행 중이어도 안전합니다).",
  options: { out: { type: "string" } },
  optionHelp: { out: "사본을 쓸 곳 (기본값: backups/jongto-<UTC 시각>.db)" },
  notes: ["PostgreSQL은 pg_dump를 쓰세요 (docs/deploy.md)."],
});

await runCommand("backup", async () => {
  const env = loadEnv();
  const source = sqlitePath(env.DATABASE_URL);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+/, "").replace("T", "-");
  const out = path.resolve(values.out ?? `backups/jongto-${stamp}.db`);
  await backupDatabase(source, out);
  console.log(`백업을 만들었습니다: ${out} (integrity_check: ok)`);
  commandEvents(env.LOG_LEVEL).record("backup", { file: out }, "backup written");
});
