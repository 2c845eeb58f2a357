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
  usage: "<파일> [--market KOSPI|KOSDAQ|KONEX] [--delist] [--encoding utf-8|cp949]",
  summary: "거래소 상장법인목록 파일(CSV나 HTML 표 .xls, UTF-8이나 CP949/EUC-KR)로 게시판을 더하고 이름을 바꿉니다.",
  options: {
    market: { type: "string" },
    delist: { type: "boolean" },
    "allow-mass-delisting": { type: "boolean" },
    encoding: { type: "string" },
  },
  optionHelp: {
    market: "시장구분 열이 없는 파일에서 모든 행의 시장",
    delist: "파일의 시장에 있던 회사가 파일에 없으면 그 게시판을 읽기 전용으로 돌립니다 (상장폐지)",
    "allow-mass-delisting": `한 시장 게시판의 20%가 넘게 상장폐지되더라도 진행합니다 (아니면 잘린 파일로 보고 거절합니다)`,
    encoding: "인코딩을 알아내지 못할 때 파일의 인코딩 (utf-8이나 cp949)",
  },
  positionals: true,
  notes: ["열: 회사명(또는 종목명), 종목코드, 있으면 시장구분. 읽을 수 없는 행은 줄 번호와 함께 알리고 건너뜁니다."],
});

await runCommand("boards:import", async () => {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new OperatorError("상장법인목록 파일을 하나만 주세요 (도움말: --help)");
  const market = values.market === undefined ? undefined : (marketOf(values.market) ?? undefined);
  if (values.market !== undefined && !market) throw new OperatorError(`--market ${values.market}: ${MARKETS.join(", ")} 중 하나여야 합니다`);
  const started = performance.now();
  const { rows, encoding } = readTableFile(file, values.encoding);
  const listing = readListing(rows, market);
  for (const p of listing.problems) console.error(`${file}:${p.line}: 건너뜀: ${p.message}`);
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const report = await importListing(ctx, listing, { delist: values.delist ?? false, allowMassDelisting: values["allow-mass-delisting"] ?? false });
    for (const r of report.renamed) console.log(`이름 바꿈 ${r.stockCode}: ${r.from} → ${r.to}`);
    for (const r of report.moved) console.log(`시장 바뀜 ${r.stockCode}: ${r.from} → ${r.to}`);
    if (report.relisted.length > 0) console.log(`다시 상장: ${report.relisted.join(" ")}`);
    if (report.delisted.length > 0) console.log(`상장폐지: ${report.delisted.join(" ")}`);
    const ms = Math.round(performance.now() - started);
    console.log(
      `${file} (${encoding}, ${listing.markets.join("/")}): 추가 ${report.added.length}, 이름 바꿈 ${report.renamed.length}, ` +
        `시장 바뀜 ${report.moved.length}, 다시 상장 ${report.relisted.length}, 상장폐지 ${report.delisted.length}, ` +
        `그대로 ${report.unchanged}, 건너뜀 ${listing.problems.length} (${ms} ms)`,
    );
  } finally {
    await ctx.db.$disconnect();
  }
});
