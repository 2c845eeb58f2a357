// `npm run profile -- <scenario>`: a CPU profile of the production server under the load of one
// benchmark scenario (bench/load.ts: page1, postAnonymous, vote, …), read back as the top
// functions by own time, the share of the main thread that was idle or collecting garbage,
// and how much of its core the whole process used (from /proc). Only the measured window
// counts: start-up, warm-up and shutdown samples are left out.
import { parseCommand } from "../src/cli/command.ts";
import { marketBoards, prepareRun, profiledRun, RUN_DB, scenarioData } from "./harness.ts";
import { benchPostgresUrl } from "./load-pg.ts";

const { values, positionals } = parseCommand({
  name: "npm run profile --",
  usage: "<scenario> [--quick] [--pg] [--connections N] [--duration S] [--env KEY=VALUE]…",
  summary: "벤치마크 시나리오 하나로 운영 서버를 프로파일하고, 메인 스레드가 어디에 시간을 쓰는지 보여 줍니다 (보고는 bench/RESULTS.md처럼 영어).",
  positionals: true,
  options: {
    quick: { type: "boolean" },
    pg: { type: "boolean" },
    connections: { type: "string" },
    duration: { type: "string" },
    env: { type: "string", multiple: true },
    top: { type: "string" },
  },
  optionHelp: {
    quick: "작은 데이터 (기본값: npm run bench:data 가 만든 bench/data/bench.db)",
    pg: "PostgreSQL에 불러온 데이터로 (npm run bench:data -- --pg)",
    connections: "동시 연결 수 (기본값 50)",
    duration: "재는 시간, 초 (기본값 10, 3초 예열 뒤)",
    env: "서버 설정, 예: --env PAGE_CACHE=off (여러 번 쓸 수 있습니다)",
    top: "보여 줄 함수 수 (기본값 25)",
  },
  notes: ["시나리오: page1, page1Browser, page5000, search, postAnonymous, postSignedIn, vote, comment, mixed, marketOpen (bench/load.ts)."],
});

const scenario = positionals[0];
if (!scenario) {
  console.error("npm run profile: 시나리오를 주세요, 예: npm run profile -- page1 (도움말: --help)");
  process.exit(2);
}
const quick = values.quick ?? false;
const connections = Number(values.connections ?? 50);
const duration = Number(values.duration ?? 10);
const top = Number(values.top ?? 25);
const env = Object.fromEntries((values.env ?? []).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
const PORT = 29_411; // below the ephemeral port range, like bench/run.ts

const sqliteUrl = prepareRun(quick);
const databaseUrl = values.pg ? benchPostgresUrl(quick) : sqliteUrl;
const data = await scenarioData(databaseUrl, quick ? 100 : 1000);
const extra = { posts: data.posts, sessions: data.sessions, writable: data.writable, market: marketBoards(RUN_DB) };
const { result, cpuUsed, seconds, file, analysis } = await profiledRun(scenario, PORT, databaseUrl, { connections, duration, extra }, env);
const { self, inclusive, packages, total, idle, gc } = analysis;
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`\n${scenario}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors, ${result.non2xx} non-2xx (${connections} connections, ${duration} s)`);
console.log(`process CPU: ${((100 * cpuUsed) / seconds).toFixed(0)} % of one core over the window (all threads), ${((1000 * cpuUsed) / result.total).toFixed(3)} ms of CPU per request`);
console.log(`main thread: idle ${pct(idle)}, garbage collection ${pct(gc)}, idle + GC ${pct(idle + gc)}`);
console.log(`\ntop ${top} functions by own time:`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${name}`);
console.log(`\nby package (own time):`);
for (const [name, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${name}`);
console.log(`\ntop ${top} functions by inclusive time:`);
for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).filter(([n]) => !n.startsWith("(root)")).slice(0, top)) console.log(`  ${pct(us)}  ${name}`);
console.log(`\nprofile: ${file} (open in Chrome DevTools → Performance, or speedscope)`);
