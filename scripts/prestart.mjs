// Runs before `npm start`: compile when the sources are newer than dist/ (so a fresh clone
// needs no separate build step), apply pending migrations, load the seed. Plain JS: it must
// run before anything is compiled.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

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
try {
  process.loadEnvFile(path.join(root, ".env"));
} catch {
  // no .env: defaults
}
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";

// `prisma migrate deploy` takes the database's write lock; when every migration is already
// applied it is skipped, so a restart next to a running board (or a backup) cannot stall it.
function migrationsPending() {
  const file = path.resolve(root, url.slice("file:".length));
  if (!fs.existsSync(file)) return true;
  const dir = path.join(root, "prisma/migrations");
  const wanted = fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory());
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const applied = new Set(
      db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all().map((r) => r.migration_name),
    );
    return wanted.some((name) => !applied.has(name));
  } catch {
    return true; // no migration table yet
  } finally {
    db.close();
  }
}

if (!url.startsWith("file:")) run(process.execPath, ["dist/scripts/migrate.js"]);
else if (migrationsPending()) run("npx", ["prisma", "migrate", "deploy"]);
run(process.execPath, ["dist/prisma/seed.js"]);
