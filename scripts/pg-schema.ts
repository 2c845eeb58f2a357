// Derives the PostgreSQL schema (prisma/postgres/schema.prisma) from the SQLite one, the
// source of truth: Prisma fixes one provider per schema file. `--check` fails when the
// derived file is out of date (CI runs it).
import { withJosa } from "../src/lib/particles.ts";
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
  summary: `${SOURCE}(원본)에서 ${withJosa(TARGET, "을/를")} 만듭니다.`,
  options: { check: { type: "boolean" } },
  optionHelp: { check: "맞춰져 있는지 검사만 합니다. 아니면 종료 코드 1 (CI)" },
});
const derived = derive(fs.readFileSync(SOURCE, "utf8"));
if (values.check) {
  const current = fs.existsSync(TARGET) ? fs.readFileSync(TARGET, "utf8") : "";
  if (current !== derived) {
    console.error(`${withJosa(TARGET, "이/가")} 최신이 아닙니다: npm run db:pg-schema 를 실행하세요`);
    process.exit(1);
  }
  console.log(`${withJosa(TARGET, "은/는")} ${SOURCE}와 맞습니다`);
} else {
  fs.writeFileSync(TARGET, derived);
  console.log(`${withJosa(TARGET, "을/를")} 만들었습니다`);
}
