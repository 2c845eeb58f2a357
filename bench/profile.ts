// `npm run profile -- <scenario>`: a CPU profile of the production server under the load of one
// benchmark scenario (bench/load.ts: page1, postAnonymous, vote, …), read back as the top
// functions by own time, the share of the main thread that was idle or collecting garbage,
// and how much of its core the whole process used (from /proc). Only the measured window
// counts: start-up, warm-up and shutdown samples are left out.
import fs from "node:fs";
import path from "node:path";
import { parseCommand } from "../src/cli/command.ts";
import { cpuSeconds, load, prepareRun, scenarioData, startApp, waitFor } from "./harness.ts";

const { values, positionals } = parseCommand({
  name: "npm run profile --",
  usage: "<scenario> [--quick] [--connections N] [--duration S] [--env KEY=VALUE]…",
  summary: "Profiles the production server under one benchmark scenario and prints where its main thread spends its time.",
  positionals: true,
  options: {
    quick: { type: "boolean" },
    connections: { type: "string" },
    duration: { type: "string" },
    env: { type: "string", multiple: true },
    top: { type: "string" },
  },
  optionHelp: {
    quick: "the small data set (default: bench/data/bench.db from npm run bench:data)",
    connections: "concurrent connections (default 50)",
    duration: "seconds measured (default 10, after 3 s of warm-up)",
    env: "a setting for the server, e.g. --env PAGE_CACHE=off (repeatable)",
    top: "how many functions to list (default 25)",
  },
  notes: ["Scenarios: page1, page5000, search, postAnonymous, postSignedIn, vote, comment, mixed (bench/load.ts)."],
});

const scenario = positionals[0];
if (!scenario) {
  console.error("profile: name a scenario, e.g. npm run profile -- page1 (see --help)");
  process.exit(2);
}
const quick = values.quick ?? false;
const connections = Number(values.connections ?? 50);
const duration = Number(values.duration ?? 10);
const top = Number(values.top ?? 25);
const env = Object.fromEntries((values.env ?? []).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
const PORT = 39_411;
const DIR = path.resolve("bench/data/profiles");

const databaseUrl = prepareRun(quick);
const data = await scenarioData(databaseUrl, quick ? 100 : 1000);
fs.mkdirSync(DIR, { recursive: true });
const before = new Set(fs.readdirSync(DIR));
const app = startApp(PORT, databaseUrl, env, ["--cpu-prof", `--cpu-prof-dir=${DIR}`, "--cpu-prof-interval=200"]);
await waitFor(`http://127.0.0.1:${PORT}/`, app);
const extra = { posts: data.posts, sessions: data.sessions, writable: data.writable };
load(scenario, PORT, { connections, duration: 3, extra }); // warm-up
const cpuBefore = cpuSeconds(app.child.pid!);
const windowStart = Date.now();
const result = load(scenario, PORT, { connections, duration, extra });
const windowEnd = Date.now();
const cpuUsed = cpuSeconds(app.child.pid!) - cpuBefore;
const exited = new Promise<number>((resolve) => app.child.once("exit", () => resolve(Date.now())));
app.child.kill("SIGTERM");
const exitAt = await exited;

const file = fs.readdirSync(DIR).find((f) => f.endsWith(".cpuprofile") && !before.has(f));
if (!file) throw new Error(`no profile written:\n${app.log()}`);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
const profile = JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const short = (url: string) =>
  url.replace(/^file:\/\//, "").replace(/.*\/node_modules\//, "").replace(`${process.cwd()}/`, "").replace(/^node:/, "node:");
const label = (n: Node) => {
  const f = n.callFrame;
  if (!f.url) return f.functionName || "(anonymous)";
  return `${f.functionName || "(anonymous)"} ${short(f.url)}:${f.lineNumber + 1}`;
};
const packageOf = (n: Node) => {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  return short(url).split("/").slice(0, 2).join("/");
};

// The samples inside the measured window: profile time runs to the process's exit.
const lastWindowUs = (exitAt - windowEnd) * 1000;
const firstWindowUs = (exitAt - windowStart) * 1000;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const packages = new Map<string, number>();
let total = 0;
let t = profile.startTime;
const times = profile.samples.map((_, i) => (t += profile.timeDeltas[i]!));
for (let i = 0; i < profile.samples.length; i++) {
  const fromEnd = profile.endTime - times[i]!;
  if (fromEnd > firstWindowUs || fromEnd < lastWindowUs) continue;
  const delta = profile.timeDeltas[i + 1] ?? 0;
  const node = byId.get(profile.samples[i]!)!;
  total += delta;
  self.set(label(node), (self.get(label(node)) ?? 0) + delta);
  packages.set(packageOf(node), (packages.get(packageOf(node)) ?? 0) + delta);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const key = label(byId.get(id)!);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
  }
}

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const idle = self.get("(idle)") ?? 0;
const gc = self.get("(garbage collector)") ?? 0;
console.log(`\n${scenario}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors, ${result.non2xx} non-2xx (${connections} connections, ${duration} s)`);
console.log(`process CPU: ${((100 * cpuUsed) / ((windowEnd - windowStart) / 1000)).toFixed(0)} % of one core over the window (all threads), ${((1000 * cpuUsed) / result.total).toFixed(3)} ms of CPU per request`);
console.log(`main thread: idle ${pct(idle)}, garbage collection ${pct(gc)}, idle + GC ${pct(idle + gc)}`);
console.log(`\ntop ${top} functions by own time:`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${name}`);
console.log(`\nby package (own time):`);
for (const [name, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${name}`);
console.log(`\ntop ${top} functions by inclusive time:`);
for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).filter(([n]) => !n.startsWith("(root)")).slice(0, top)) console.log(`  ${pct(us)}  ${name}`);
console.log(`\nprofile: ${path.join(DIR, file)} (open in Chrome DevTools → Performance, or speedscope)`);
