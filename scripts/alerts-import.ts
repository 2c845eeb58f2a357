// `npm run alerts:import -- <file>`: loads the exchange's designations (투자주의, 투자경고,
// 투자위험, 거래정지, 관리종목) from a CSV in UTF-8 or CP949. Idempotent: a designation already
// loaded is left alone, one given a 해제일 is updated. Bad rows are listed by line and skipped;
// a broken CSV writes nothing.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { csvRows, fileEncoding } from "../src/cli/table-stream.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { OperatorError } from "../src/lib/operator-error.ts";
import { importAlerts } from "../src/modules/boards/alerts.service.ts";

const { values, positionals } = parseCommand({
  name: "npm run alerts:import --",
  usage: "<파일> [--encoding utf-8|cp949]",
  summary: "시장경보(투자주의·투자경고·투자위험)와 거래정지·관리종목 지정을 CSV(UTF-8이나 CP949)에서 불러옵니다.",
  options: { encoding: { type: "string" } },
  optionHelp: { encoding: "파일의 인코딩 (없으면 파일을 읽고 알아냅니다)" },
  positionals: true,
  notes: [
    "열: 종목코드, 구분 (투자주의 / 투자경고 / 투자위험 / 거래정지 / 관리종목), 지정일, 해제일 (해제되지 않았으면 비워 둡니다).",
    "해제일은 다시 정상으로 거래되는 첫날입니다. 지정일은 오늘보다 뒤일 수 없고, 해제일은 지정일보다 앞설 수 없습니다.",
    "먼저 파일 전체를 검사하고, 깨진 CSV면 아무것도 들여오지 않습니다. 이어서 500줄씩 한 트랜잭션으로 씁니다.",
  ],
});

await runCommand("alerts:import", async () => {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new OperatorError("지정 목록 파일을 하나만 주세요 (도움말: --help)");
  const started = performance.now();
  const encoding = await fileEncoding(file, values.encoding);
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const report = await importAlerts(ctx, () => csvRows(file, encoding));
    for (const s of report.skipped) console.error(`${file}:${s.line}: 건너뜀: ${s.message}`);
    if (report.skippedCount > report.skipped.length) console.error(`${file}: 건너뛴 ${report.skippedCount - report.skipped.length}건은 더 적지 않았습니다.`);
    const ms = Math.round(performance.now() - started);
    console.log(`${file} (${encoding}): 추가 ${report.added}, 고침 ${report.updated}, 그대로 ${report.unchanged}, 건너뜀 ${report.skippedCount} (${ms} ms)`);
  } finally {
    await ctx.db.$disconnect();
  }
});
