// 클린봇 against its labelled corpus (test/fixtures/cleanbot-corpus.tsv): at least 95 % of the
// evasions caught and at most 1 % of ordinary stock-board texts touched (issue 30). The
// figures are printed for bench/RESULTS.md and the README.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { Filter, builtinRules } from "../../src/modules/cleanbot/cleanbot.rules.ts";

const LABELS = ["recruiting", "promise", "personal", "abuse", "ordinary"] as const;

function corpus() {
  const lines = fs.readFileSync("test/fixtures/cleanbot-corpus.tsv", "utf8").split("\n");
  return lines
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const [label, text] = l.split("\t") as [(typeof LABELS)[number], string];
      if (!LABELS.includes(label) || !text) throw new Error(`bad corpus line: ${l}`);
      return { label, text };
    });
}

describe("the labelled corpus", () => {
  const filter = new Filter(builtinRules());
  const rows = corpus();
  const evasions = rows.filter((r) => r.label !== "ordinary");
  const ordinary = rows.filter((r) => r.label === "ordinary");

  it("holds at least 150 evasions across the categories and 150 ordinary texts", () => {
    expect(evasions.length).toBeGreaterThanOrEqual(150);
    expect(ordinary.length).toBeGreaterThanOrEqual(150);
    for (const label of LABELS) expect(rows.some((r) => r.label === label)).toBe(true);
  });

  it("catches at least 95 % of the evasions and touches at most 1 % of ordinary texts", () => {
    const missed = evasions.filter((r) => filter.screen(r.text).length === 0);
    const touched = ordinary.filter((r) => filter.screen(r.text).length > 0);
    const caught = (evasions.length - missed.length) / evasions.length;
    const falseRate = touched.length / ordinary.length;
    console.info(
      `클린봇 corpus: ${evasions.length - missed.length}/${evasions.length} evasions caught (${(100 * caught).toFixed(1)} %), ` +
        `${touched.length}/${ordinary.length} ordinary texts touched (${(100 * falseRate).toFixed(1)} %)`,
    );
    expect(caught).toBeGreaterThanOrEqual(0.95);
    expect(falseRate).toBeLessThanOrEqual(0.01);
  });

  it("files each evasion under its own category", () => {
    const elsewhere = evasions.filter((r) => {
      const found = filter.screen(r.text);
      return found.length > 0 && !found.some((f) => f.category === r.label);
    });
    // A bank account spaced digit by digit also reads as a phone number: refused either way.
    expect(elsewhere.length).toBeLessThanOrEqual(2);
  });
});
