// Runs before `npm start`: compile when the sources are newer than dist/ (so a fresh clone
// needs no separate build step), then apply pending migrations and load the seed with the
// compiled `db:migrate --seed`. Plain JS: it must run before anything is compiled. It reads
// no configuration itself; a failing step has already said why, so this only passes on its
// exit code (no second stack trace).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const sources = ["src", "scripts", "prisma/seed.ts", "prisma/migrations", "prisma/schema.prisma", "public/js", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
const built = path.join(root, "dist/src/server.js");

if (process.argv.includes("--help")) {
  console.log("사용법: node scripts/prestart.mjs [--build-only]\n\nnpm start 가 먼저 하는 일: 소스가 바뀌었으면 dist/를 빌드하고, 마이그레이션과 시드를 적용합니다.\n--build-only: 빌드만 합니다 (벤치마크가 씁니다). 설정: .env (.env.example 참고).");
  process.exit(0);
}

const unknown = process.argv.slice(2).find((arg) => arg !== "--build-only");
if (unknown) {
  console.error(`scripts/prestart.mjs: 알 수 없는 옵션 '${unknown}' (도움말: node scripts/prestart.mjs --help)`);
  process.exit(2);
}

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

function run(cmd, args) {
  const { status, signal } = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (status !== 0) process.exit(status ?? (signal ? 1 : 1));
}

if (!fs.existsSync(built) || Math.max(...sources.map(newest)) > fs.statSync(built).mtimeMs) {
  console.log("빌드합니다 (지난 빌드 뒤에 소스가 바뀌었습니다)…");
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
}
if (!process.argv.includes("--build-only")) run(process.execPath, ["dist/scripts/migrate.js", "--seed", "--quiet"]);
