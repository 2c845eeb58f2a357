// `npm run disclosures:import -- <file>`: loads DART's filings (the JSON its OpenAPI list.json
// answers, one page or several saved one after another) for the boards' 공시 tabs and headers.
// Idempotent: a filing already loaded is left alone, one DART corrected is updated. Bad items
// are listed by line and place and skipped; a file that is not such JSON writes nothing.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { jsonItemsOf } from "../src/cli/json-file.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { OperatorError } from "../src/lib/operator-error.ts";
import { importDisclosures } from "../src/modules/disclosures/disclosures.service.ts";

const { positionals } = parseCommand({
  name: "npm run disclosures:import --",
  usage: "<파일>",
  summary: "DART OpenAPI 공시검색(list.json)의 응답 JSON에서 종목별 공시를 불러옵니다.",
  options: {},
  optionHelp: {},
  positionals: true,
  notes: [
    "파일: DART가 돌려준 JSON 그대로 (status, message, list: [...]). 여러 페이지를 이어 붙인 파일도 됩니다.",
    "항목의 필드: rcept_no, rcept_dt, corp_code, corp_name, stock_code, report_nm, flr_nm, rm.",
    "먼저 파일 전체를 검사하고, 깨진 JSON이면 아무것도 들여오지 않습니다. 이어서 500건씩 한 트랜잭션으로 씁니다.",
  ],
});

await runCommand("disclosures:import", async () => {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new OperatorError("공시 파일을 하나만 주세요 (도움말: --help)");
  const started = performance.now();
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const report = await importDisclosures(ctx, () => jsonItemsOf(file));
    for (const s of report.skipped) console.error(`${file}:${s.line}: 건너뜀 (${s.index + 1}번째 공시): ${s.message}`);
    if (report.skippedCount > report.skipped.length) console.error(`${file}: 건너뛴 ${report.skippedCount - report.skipped.length}건은 더 적지 않았습니다.`);
    const ms = Math.round(performance.now() - started);
    console.log(`${file}: 추가 ${report.added}, 고침 ${report.updated}, 그대로 ${report.unchanged}, 건너뜀 ${report.skippedCount} (${ms} ms)`);
  } finally {
    await ctx.db.$disconnect();
  }
});
