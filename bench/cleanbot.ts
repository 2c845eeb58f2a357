// 클린봇's cost (docs/decisions/0033), in the bench process on an idle machine: screening a
// 6,000-character post as the writing service does (the rules' version read included), the
// texts built to be slow at the largest size a post may have, and the labelled corpus's
// figures.
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { Filter, builtinRules } from "../src/modules/cleanbot/cleanbot.rules.ts";
import { screen } from "../src/modules/cleanbot/cleanbot.service.ts";

const RUNS = 2000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Ordinary board text of `length` characters, from the corpus's ordinary lines (digits, prices and dates included). */
function ordinaryText(lines: string[], length: number): string {
  let text = "";
  for (let i = 0; text.length < length; i++) text += `${lines[i % lines.length]!} `;
  return text.slice(0, length);
}

export type CleanbotCost = Awaited<ReturnType<typeof measureCleanbot>>;

export async function measureCleanbot(databaseUrl: string) {
  const corpus = fs
    .readFileSync("test/fixtures/cleanbot-corpus.tsv", "utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split("\t") as [string, string]);
  const ordinary = corpus.filter(([label]) => label === "ordinary").map(([, text]) => text);
  const filter = new Filter(builtinRules());
  const caught = corpus.filter(([label, text]) => label !== "ordinary" && filter.screen(text).length > 0).length;
  const evasions = corpus.filter(([label]) => label !== "ordinary").length;
  const touched = ordinary.filter((text) => filter.screen(text).length > 0).length;

  const ctx = await openCtx({ DATABASE_URL: databaseUrl }, systemClock);
  try {
    const post = ordinaryText(ordinary, 6000);
    const fields = [
      { name: "title", label: "제목", text: "오늘 장 정리와 내일 전략", foldable: false },
      { name: "body", label: "내용", text: post },
    ];
    for (let i = 0; i < 200; i++) await screen(ctx, { target: "post" }, fields);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await screen(ctx, { target: "post" }, fields);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    // The largest body a post may have: 6,000 characters of up to 4 code units (src/lib/input.ts).
    const hostile: Record<string, string> = {
      "24,000 digits": "1".repeat(24_000),
      "12,000 alternating jamo": "ㅅㅏ".repeat(12_000),
      "3,400 links": "t.me/x ".repeat(3_400),
      "12,000 numerals": "공일".repeat(12_000),
    };
    const worst: Record<string, number> = {};
    for (const [name, text] of Object.entries(hostile)) {
      let max = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        filter.screen(text);
        max = Math.max(max, performance.now() - t0);
      }
      worst[name] = max;
    }
    return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), worst, caught, evasions, touched, ordinary: ordinary.length };
  } finally {
    await ctx.db.$disconnect();
  }
}

// `tsx bench/cleanbot.ts <DATABASE_URL>`: the figures as JSON on stdout (bench/run.ts reads them).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await measureCleanbot(process.argv[2]!)));
}
