// `npm run restore -- <backup file>`: puts a backup in place of DATABASE_URL's file. Refuses
// while the board (or anything else) has the database open; the replaced database is kept
// as <file>.before-restore-<UTC time>.
import { withJosa } from "../src/lib/particles.ts";
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { restoreDatabase } from "../src/db/backup.ts";
import { sqlitePath } from "../src/db/sqlite-file.ts";
import { OperatorError } from "../src/lib/operator-error.ts";

const { positionals } = parseCommand({
  name: "npm run restore --",
  usage: "<백업 파일>",
  summary: "SQLite 데이터베이스를 검사한 백업으로 바꿉니다. 보드를 먼저 멈추세요. 지금의 데이터베이스는 옆에 남겨 둡니다.",
  positionals: true,
});

await runCommand("restore", async () => {
  const [backup, ...extra] = positionals;
  if (!backup || extra.length > 0) throw new OperatorError("백업 파일을 하나만 주세요 (도움말: --help)");
  const target = sqlitePath(loadEnv().DATABASE_URL);
  const kept = restoreDatabase(backup, target);
  console.log(`${withJosa(backup, "을/를")} ${target}에 복원했습니다${kept ? `. 이전 데이터베이스는 ${kept}에 있습니다` : ""}`);
});
