// `npm run quotes:import -- <file>`: loads daily prices (date, open, high, low, close, volume
// per stock code) for the board headers. Idempotent: a day already loaded with the same
// prices is left alone, a corrected one is updated. Bad rows are listed by line and skipped.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { OperatorError } from "../src/lib/operator-error.ts";
import { readTableFile } from "../src/cli/table-file.ts";
import { readQuotes } from "../src/modules/quotes/quotes.rules.ts";
import { kstDay } from "../src/lib/kst-time.ts";
import { importQuotes } from "../src/modules/quotes/quotes.service.ts";

const { values, positionals } = parseCommand({
  name: "npm run quotes:import --",
  usage: "<파일> [--code 005930] [--encoding utf-8|cp949]",
  summary: "게시판 머리글에 보일 일별 시세를 CSV(또는 HTML 표 .xls, UTF-8이나 CP949)에서 불러옵니다.",
  options: { code: { type: "string" }, encoding: { type: "string" } },
  optionHelp: {
    code: "종목코드 열이 없는 한 종목 파일에서 모든 행의 종목",
    encoding: "인코딩을 알아내지 못할 때 파일의 인코딩 (utf-8이나 cp949)",
  },
  positionals: true,
  notes: [
    "열 (한글이나 영어): 종목코드/code, 일자/date, 시가/open, 고가/high, 저가/low, 종가/close, 거래량/volume.",
    "날짜는 2026-11-27, 2026/11/27, 2026.11.27, 20261127 가운데 하나로, 가격은 원 단위로 (71,500이나 71500).",
  ],
});

await runCommand("quotes:import", async () => {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new OperatorError("시세 파일을 하나만 주세요 (도움말: --help)");
  if (values.code !== undefined && !/^[0-9]{6}$/.test(values.code)) throw new OperatorError(`--code ${values.code}: 여섯 자리 종목코드여야 합니다`);
  const started = performance.now();
  const { rows, encoding } = readTableFile(file, values.encoding);
  const { quotes, problems } = readQuotes(rows, values.code, kstDay(systemClock()));
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const report = await importQuotes(ctx, quotes);
    const skipped = [...problems, ...report.skipped].sort((a, b) => a.line - b.line);
    for (const p of skipped) console.error(`${file}:${p.line}: 건너뜀: ${p.message}`);
    const ms = Math.round(performance.now() - started);
    console.log(`${file} (${encoding}): 추가 ${report.added}, 고침 ${report.updated}, 그대로 ${report.unchanged}, 건너뜀 ${skipped.length} (${ms} ms)`);
  } finally {
    await ctx.db.$disconnect();
  }
});
