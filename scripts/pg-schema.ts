// Derives the PostgreSQL schema (prisma/postgres/schema.prisma) from the SQLite one, the
// source of truth: Prisma fixes one provider per schema file. `--check` fails when the
// derived file is out of date (CI runs it).
import fs from "node:fs";
import { parseCommand } from "../src/cli/command.ts";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgres/schema.prisma";

export function derive(schema: string): string {
  const out = schema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../src/generated/prisma"', 'output       = "../../src/generated/prisma-pg"');
  if (out.includes('"sqlite"') || !out.includes("prisma-pg")) throw new Error("schema.prisma changed shape: update scripts/pg-schema.ts");
  return `// GENERATED from prisma/schema.prisma by scripts/pg-schema.ts — do not edit by hand.\n${out}`;
}

const { values } = parseCommand({
  name: "npm run db:pg-schema --",
  usage: "[--check]",
  summary: `Writes ${TARGET} from ${SOURCE} (the source of truth).`,
  options: { check: { type: "boolean" } },
  optionHelp: { check: "only check that it is in step; exit 1 if not (CI)" },
});
const derived = derive(fs.readFileSync(SOURCE, "utf8"));
if (values.check) {
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : "";
  if (current !== derived) {
    console.error(`${TARGET} is out of date: run \`npm run db:pg-schema\``);
    process.exit(1);
  }
  console.log(`${TARGET} is in step with ${SOURCE}`);
} else {
  fs.writeFileSync(TARGET, derived);
  console.log(`wrote ${TARGET}`);
}
