// The project's root (where package.json, views/ and public/ live), whether this code runs
// from src/ under tsx or from dist/src/ after `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "views"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no project root above ${start}`);
    dir = parent;
  }
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
