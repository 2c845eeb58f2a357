// `npm run boards:import -- <file>`: adds a board for every company of a listing file (KRX's
// 상장법인목록 .xls/HTML or a CSV, UTF-8 or CP949), renames boards whose company changed its
// name, and with --delist makes the boards of companies that left the file's markets
// read-only. Idempotent; running servers see the change within seconds.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { OperatorError } from "../src/lib/operator-error.ts";
import { readTableFile } from "../src/cli/table-file.ts";
import { MARKETS, marketOf, readListing } from "../src/modules/boards/listing.rules.ts";
import { importListing } from "../src/modules/boards/listing.service.ts";

const { values, positionals } = parseCommand({
  name: "npm run boards:import --",
  usage: "<file> [--market KOSPI|KOSDAQ|KONEX] [--delist] [--encoding utf-8|cp949]",
  summary: "Adds and renames boards from an exchange listing file (CSV or HTML-table .xls, UTF-8 or CP949/EUC-KR).",
  options: {
    market: { type: "string" },
    delist: { type: "boolean" },
    "allow-mass-delisting": { type: "boolean" },
    encoding: { type: "string" },
  },
  optionHelp: {
    market: "the market of every row, for a file without a 시장구분 column",
    delist: "make boards of the file's markets whose company is not in it read-only (상장폐지)",
    "allow-mass-delisting": `delist even when more than 20% of a market's boards would go (a cut-short file is refused otherwise)`,
    encoding: "the file's encoding when it is not detected (utf-8 or cp949)",
  },
  positionals: true,
  notes: ["Columns: 회사명 (or 종목명), 종목코드, and 시장구분 when present. Rows that cannot be read are listed with their line and skipped."],
});

await runCommand("boards:import", async () => {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new OperatorError("give exactly one listing file (see --help)");
  const market = values.market === undefined ? undefined : (marketOf(values.market) ?? undefined);
  if (values.market !== undefined && !market) throw new OperatorError(`--market ${values.market}: one of ${MARKETS.join(", ")}`);
  const started = performance.now();
  const { rows, encoding } = readTableFile(file, values.encoding);
  const listing = readListing(rows, market);
  for (const p of listing.problems) console.error(`${file}:${p.line}: 건너뜀: ${p.message}`);
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const report = await importListing(ctx, listing, { delist: values.delist ?? false, allowMassDelisting: values["allow-mass-delisting"] ?? false });
    for (const r of report.renamed) console.log(`renamed ${r.stockCode}: ${r.from} → ${r.to}`);
    for (const r of report.moved) console.log(`market ${r.stockCode}: ${r.from} → ${r.to}`);
    if (report.relisted.length > 0) console.log(`relisted: ${report.relisted.join(" ")}`);
    if (report.delisted.length > 0) console.log(`delisted: ${report.delisted.join(" ")}`);
    const ms = Math.round(performance.now() - started);
    console.log(
      `${file} (${encoding}, ${listing.markets.join("/")}): added ${report.added.length}, renamed ${report.renamed.length}, ` +
        `market changed ${report.moved.length}, relisted ${report.relisted.length}, delisted ${report.delisted.length}, ` +
        `unchanged ${report.unchanged}, skipped ${listing.problems.length} (${ms} ms)`,
    );
  } finally {
    await ctx.db.$disconnect();
  }
});
