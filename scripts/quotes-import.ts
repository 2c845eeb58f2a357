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
  usage: "<file> [--code 005930] [--encoding utf-8|cp949]",
  summary: "Loads daily prices for the board headers from a CSV (or HTML-table .xls), UTF-8 or CP949.",
  options: { code: { type: "string" }, encoding: { type: "string" } },
  optionHelp: {
    code: "the stock of every row, for a file of one stock without a 종목코드 column",
    encoding: "the file's encoding when it is not detected (utf-8 or cp949)",
  },
  positionals: true,
  notes: [
    "Columns (Korean or English): 종목코드/code, 일자/date, 시가/open, 고가/high, 저가/low, 종가/close, 거래량/volume.",
    "Dates as 2026-11-27, 2026/11/27, 2026.11.27 or 20261127; prices in won (71,500 or 71500).",
  ],
});

await runCommand("quotes:import", async () => {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new OperatorError("give exactly one price file (see --help)");
  if (values.code !== undefined && !/^[0-9]{6}$/.test(values.code)) throw new OperatorError(`--code ${values.code}: a six-digit stock code`);
  const started = performance.now();
  const { rows, encoding } = readTableFile(file, values.encoding);
  const { quotes, problems } = readQuotes(rows, values.code, kstDay(systemClock()));
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const report = await importQuotes(ctx, quotes);
    const skipped = [...problems, ...report.skipped].sort((a, b) => a.line - b.line);
    for (const p of skipped) console.error(`${file}:${p.line}: 건너뜀: ${p.message}`);
    const ms = Math.round(performance.now() - started);
    console.log(`${file} (${encoding}): added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, skipped ${skipped.length} (${ms} ms)`);
  } finally {
    await ctx.db.$disconnect();
  }
});
