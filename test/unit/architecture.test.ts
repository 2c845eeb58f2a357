// The architecture is what lint enforces, and lint enforces what docs/architecture.md says: the
// module order is one list (.dependency-cruiser.cjs), the docs' table matches it, and a copy of
// the tree with one violation of each kind planted fails lint on every one of them.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const { MODULES } = require("../../.dependency-cruiser.cjs") as { MODULES: { name: string; uses: string[] }[] };

/** The modules table of docs/architecture.md: each line's module and the modules after its →. */
function documentedModules(): { name: string; uses: string[] }[] {
  const doc = fs.readFileSync("docs/architecture.md", "utf8");
  const section = doc.slice(doc.indexOf("## The modules"));
  const block = /```\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .trim()
    .split("\n")
    .map((line) => {
      const [head, tail = ""] = line.split("→");
      const uses = tail
        .replace(/\([^)]*\)/g, "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return { name: head!.trim().split(/\s+/)[0]!, uses };
    });
}

describe("the module order", () => {
  it("lets every module use only modules below it, so modules cannot form a cycle", () => {
    const rank = new Map(MODULES.map((m, i) => [m.name, i]));
    for (const [i, m] of MODULES.entries()) {
      for (const used of m.uses) expect(rank.get(used), `${m.name} → ${used}`).toBeGreaterThan(i);
    }
  });

  it("names every folder of src/modules, and nothing else", () => {
    const folders = fs.readdirSync("src/modules").sort();
    expect(MODULES.map((m) => m.name).sort()).toEqual(folders);
  });

  it("is the one docs/architecture.md shows, with the same uses", () => {
    const documented = documentedModules();
    expect(documented.map((m) => m.name)).toEqual(MODULES.map((m) => m.name));
    for (const m of MODULES) expect(documented.find((d) => d.name === m.name)!.uses.sort(), m.name).toEqual([...m.uses].sort());
  });
});

/** The table of docs/architecture.md "Who owns which table": each table and its module. */
function documentedOwners(): Map<string, string> {
  const doc = fs.readFileSync("docs/architecture.md", "utf8");
  const block = /```\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf("## Who owns which table")))![1]!;
  const owners = new Map<string, string>();
  for (const line of block.trim().split("\n")) {
    const [tables, rest] = line.split(/\s{2,}/);
    for (const table of tables!.split(",")) owners.set(table.trim(), rest!.trim().split(/\s+/)[0]!);
  }
  return owners;
}

describe("the tables", () => {
  it("are written only by the module the docs name as their owner", () => {
    const owners = documentedOwners();
    const files = fs.readdirSync("src", { recursive: true }).map(String).filter((f) => f.endsWith(".ts") && !f.startsWith("generated"));
    const writes: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(`src/${file}`, "utf8");
      for (const [, table] of text.matchAll(/(?:INSERT INTO|UPDATE|DELETE FROM) "(\w+)"/g)) {
        writes.push(table!);
        const module = /^modules\/([^/]+)\//.exec(file)?.[1];
        // The migrators write any table, as migrations do; the search index's SQL is the dialect's.
        if (/^db\/(sqlite-migrate|pg-migrate|nickname-keys)\.ts$/.test(file) || (file === "db/dialect.ts" && table === "PostSearch")) continue;
        expect(owners.has(table!), `${table} (written in src/${file}) has an owner in docs/architecture.md`).toBe(true);
        expect(module, `src/${file} writes "${table}", which ${owners.get(table!)} owns`).toBe(owners.get(table!));
      }
    }
    expect(writes).toContain("Post"); // the scan found the statements at all
  });
});

describe("the pure rules", () => {
  it("each have a unit test that imports them", () => {
    const tests = fs.readdirSync("test/unit").map((f) => fs.readFileSync(`test/unit/${f}`, "utf8")).join("\n");
    const pure = fs
      .readdirSync("src/modules", { recursive: true })
      .map(String)
      .filter((f) => /\.(rules|fields|schemas)\.ts$/.test(f))
      .map((f) => `src/modules/${f}`);
    for (const file of [...pure, "src/domain/post-policy.ts"]) expect(tests, file).toContain(`${file}"`);
  });
});

// Each plant: a file written into the copy, and the rule lint must name for it.
const PLANTS: { file: string; text: string; rule: string }[] = [
  // accounts is below posts: an import up the order closes a cycle of modules, not of files.
  { file: "src/modules/accounts/planted-cycle.service.ts", text: `import "../posts/posts.service.ts";\n`, rule: "module-order" },
  { file: "src/modules/search/planted-up.service.ts", text: `import "../notifications/notifications.rules.ts";\n`, rule: "module-order" },
  { file: "src/modules/posts/planted-direct.rules.ts", text: `import "./posts.service.ts";\n`, rule: "rules-reach-no-io" },
  { file: "src/modules/posts/planted-driver.rules.ts", text: `import "better-sqlite3";\n`, rule: "rules-reach-no-io" },
  // Through a helper that looks pure: only reachability catches it.
  { file: "src/lib/planted-reads-files.ts", text: `import fs from "node:fs";\nexport const read = () => fs.readFileSync("x");\n`, rule: "" },
  { file: "src/modules/posts/planted-transitive.rules.ts", text: `import "../../lib/planted-reads-files.ts";\n`, rule: "rules-reach-no-io" },
  { file: "src/modules/posts/planted-express.service.ts", text: `import type { Request } from "express";\nexport type R = Request;\n`, rule: "services-know-no-express" },
  { file: "src/modules/boards/planted-helper.ts", text: `export const x = 1;\n`, rule: "module-file-has-a-role" },
  { file: "src/modules/planted/planted.service.ts", text: `import "../boards/boards.service.ts";\n`, rule: "module-is-listed" },
  { file: "src/db/planted-domain.ts", text: `import "../domain/errors.ts";\n`, rule: "db-knows-no-domain-module" },
  // A cycle is reported once, from the file the cruise meets first.
  { file: "src/lib/planted-cycle-a.ts", text: `import "./planted-cycle-b.ts";\n`, rule: "no-circular" },
  { file: "src/lib/planted-cycle-b.ts", text: `import "./planted-cycle-a.ts";\n`, rule: "" },
];

// Environment reads, each spelled so that a check of `process.env` alone would miss it.
const ENV_PLANTS: { file: string; text: string }[] = [
  { file: "src/modules/boards/planted-env-import.service.ts", text: `import { env } from "node:process";\nexport const a = env.PORT;\n` },
  { file: "src/modules/boards/planted-env-global.service.ts", text: `export const a = globalThis.process.env.PORT;\n` },
  { file: "src/modules/boards/planted-env-alias.service.ts", text: `const p = process;\nexport const a = p.env.PORT;\n` },
  { file: "src/modules/boards/planted-env-destructure.service.ts", text: `const { env } = process;\nexport const a = env.PORT;\n` },
  { file: "src/modules/boards/planted-env-computed.service.ts", text: `export const a = process["env"].PORT;\n` },
  { file: "bench/planted-env.ts", text: `export const a = process.env.BENCH_X;\n` },
];

// Request code that reaches past ctx.sql to Prisma.
const DATA_PLANTS: { file: string; text: string }[] = [
  { file: "src/modules/boards/planted-prisma.service.ts", text: `import type { Ctx } from "../../context.ts";\nexport const f = (ctx: Ctx) => ctx.db.user.findMany();\n` },
  { file: "src/http/planted-raw.ts", text: `import type { Ctx } from "../context.ts";\nexport const f = (ctx: Ctx) => ctx.db.$queryRaw\`SELECT 1\`;\n` },
];

describe("lint", () => {
  it("fails on each kind of planted violation", { timeout: 120_000 }, async () => {
    const copy = fs.mkdtempSync(path.resolve("test/.tmp/architecture-"));
    try {
      for (const entry of ["src", "bench", "tsconfig.json", ".dependency-cruiser.cjs", "eslint.config.js", "package.json"]) {
        fs.cpSync(entry, path.join(copy, entry), { recursive: true, filter: (p) => !p.includes(`${path.sep}generated${path.sep}`) && !p.includes(`bench${path.sep}data`) });
      }
      fs.symlinkSync(path.resolve("node_modules"), path.join(copy, "node_modules"));
      for (const p of [...PLANTS, ...ENV_PLANTS, ...DATA_PLANTS]) {
        fs.mkdirSync(path.dirname(path.join(copy, p.file)), { recursive: true });
        fs.writeFileSync(path.join(copy, p.file), p.text);
      }

      const cruise = await run(process.execPath, ["node_modules/dependency-cruiser/bin/dependency-cruise.mjs", "src", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], { cwd: copy, maxBuffer: 64 << 20 }).catch(
        (e: { stdout: string }) => e,
      );
      const violations = (JSON.parse(cruise.stdout) as { summary: { violations: { from: string; rule: { name: string } }[] } }).summary.violations;
      for (const p of PLANTS.filter((p) => p.rule)) {
        expect(
          violations.some((v) => v.from === p.file && v.rule.name === p.rule),
          `${p.file} breaks ${p.rule}; lint said: ${JSON.stringify(violations.filter((v) => v.from === p.file))}`,
        ).toBe(true);
      }
      // The tree as it is breaks nothing: every violation found is a planted one.
      for (const v of violations) expect(v.from, v.rule.name).toMatch(/planted/);

      const eslint = await run(process.execPath, ["node_modules/eslint/bin/eslint.js", "--format", "json", ...[...ENV_PLANTS, ...DATA_PLANTS].map((p) => p.file)], { cwd: copy, maxBuffer: 64 << 20 }).catch((e: { stdout: string }) => e);
      const results = JSON.parse(eslint.stdout) as { filePath: string; messages: { message: string }[] }[];
      const named = (p: { file: string }, words: string) => {
        const found = results.find((r) => r.filePath.endsWith(p.file))!;
        expect(found.messages.some((m) => m.message.includes(words)), `${p.file}: ${JSON.stringify(found.messages)}`).toBe(true);
      };
      for (const p of ENV_PLANTS) named(p, "src/config/env.ts");
      for (const p of DATA_PLANTS) named(p, "through ctx.sql");
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
