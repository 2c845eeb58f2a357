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
  console.log("usage: node scripts/prestart.mjs [--build-only]\n\nWhat `npm start` runs first: builds dist/ when the sources changed, applies migrations and loads\nthe seed. --build-only: only the build (the benchmark uses it). Configuration: .env (see .env.example).");
  process.exit(0);
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
  console.log("building (sources changed since the last build)…");
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"]);
}
if (!process.argv.includes("--build-only")) run(process.execPath, ["dist/scripts/migrate.js", "--seed", "--quiet"]);
