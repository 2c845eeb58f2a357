// Runs before `npm start`: compile when the sources are newer than dist/ (so a fresh clone
// needs no separate build step), apply migrations, load the seed. Plain JS: it must run
// before anything is compiled.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const sources = ["src", "scripts", "prisma/seed.ts", "prisma/schema.prisma", "public/js", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
const built = path.join(root, "dist/src/server.js");

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(full)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

if (!fs.existsSync(built) || Math.max(...sources.map(newest)) > fs.statSync(built).mtimeMs) {
  console.log("building (sources changed since the last build)…");
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  run("npx", ["tsc", "-p", "tsconfig.build.json"]);
}
run("npx", ["prisma", "migrate", "deploy"]);
run(process.execPath, ["dist/prisma/seed.js"]);
