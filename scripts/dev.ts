// `npm run dev`: applies migrations and the seed, then runs the sources with reload (tsx
// watch). Its options are read here first, so `--help` prints and exits and a mistyped one is
// refused — passed on to the watcher, either would leave it waiting for file changes for good.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseCommand } from "../src/cli/command.ts";

parseCommand({
  name: "npm run dev",
  summary: "개발용으로 보드를 띄웁니다: 마이그레이션과 시드를 적용한 뒤 소스를 그대로 실행하고, 파일이 바뀌면 다시 시작합니다. 설정은 .env와 환경 변수에서 읽습니다 (.env.example 참고).",
  notes: ["운영에서는 npm start (빌드한 dist/를 실행합니다)."],
});

const tsx = fileURLToPath(import.meta.resolve("tsx/cli"));
const migrated = spawnSync(process.execPath, [tsx, "scripts/migrate.ts", "--seed", "--quiet"], { stdio: "inherit" });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);
const watcher = spawn(process.execPath, [tsx, "watch", "src/server.ts"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => watcher.kill(signal));
watcher.once("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
