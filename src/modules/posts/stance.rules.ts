// 본인 표시 (pure): what a writer may say of themselves on a post — 보유 / 미보유 and 매수 / 매도 /
// 중립 — always shown as their own statement, never as checked; and the board's chart of posts
// per day by stated view over the last seven days, drawn as SVG geometry with its numbers.
import { z } from "zod";

export const HOLDINGS = { held: "보유", not_held: "미보유" } as const;
export const STANCES = { buy: "매수", sell: "매도", neutral: "중립" } as const;
export type Holding = keyof typeof HOLDINGS;
export type Stance = keyof typeof STANCES;
export const STANCE_ORDER: Stance[] = ["buy", "sell", "neutral"];

/** The form's fields: empty means 표시 안 함. */
export const statedFields = {
  holding: z
    .enum(["", "held", "not_held"], { error: "보유 여부는 보유, 미보유, 표시 안 함 가운데 하나를 골라 주세요." })
    .optional()
    .transform((v) => (v ? (v as Holding) : null)),
  stance: z
    .enum(["", "buy", "sell", "neutral"], { error: "의견은 매수, 매도, 중립, 표시 안 함 가운데 하나를 골라 주세요." })
    .optional()
    .transform((v) => (v ? (v as Stance) : null)),
};

/** The chart covers today and the six days before it (KST). */
export const STANCE_DAYS = 7;

export interface StanceDayCount {
  day: string; // YYYY-MM-DD
  stance: string;
  posts: number;
}

export interface StanceChart {
  width: number;
  height: number;
  days: { day: string; label: string; counts: Record<Stance, number>; total: number }[];
  bars: { x: number; y: number; width: number; height: number; stance: Stance }[];
  labels: { x: number; y: number; text: string }[];
  max: number;
  total: number;
}

/** The first day of the chart ending on `today`. */
export function stanceSince(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (STANCE_DAYS - 1));
  return d.toISOString().slice(0, 10);
}

const WIDTH = 300;
const HEIGHT = 120;
const AXIS = 16; // room under the bars for the day labels
const BAR = 24;

/** Stacked bars, one per day (매수 at the bottom, then 매도, then 중립), scaled to the busiest day; null when no post stated a view. */
export function stanceChart(counts: StanceDayCount[], today: string): StanceChart | null {
  const first = stanceSince(today);
  const days: StanceChart["days"] = [];
  for (let i = 0; i < STANCE_DAYS; i++) {
    const d = new Date(`${first}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    const day = d.toISOString().slice(0, 10);
    days.push({ day, label: `${Number(day.slice(5, 7))}.${Number(day.slice(8))}`, counts: { buy: 0, sell: 0, neutral: 0 }, total: 0 });
  }
  const byDay = new Map(days.map((d) => [d.day, d]));
  for (const c of counts) {
    const day = byDay.get(c.day);
    if (!day || !(c.stance in STANCES) || c.posts <= 0) continue;
    day.counts[c.stance as Stance] += c.posts;
    day.total += c.posts;
  }
  const total = days.reduce((n, d) => n + d.total, 0);
  if (total === 0) return null;
  const max = Math.max(...days.map((d) => d.total));
  const plot = HEIGHT - AXIS;
  const step = WIDTH / STANCE_DAYS;
  const bars: StanceChart["bars"] = [];
  const labels: StanceChart["labels"] = [];
  days.forEach((d, i) => {
    const x = Math.round(i * step + (step - BAR) / 2);
    let top = plot;
    for (const stance of STANCE_ORDER) {
      const n = d.counts[stance];
      if (n === 0) continue;
      const h = Math.max(1, Math.round((n / max) * (plot - 4)));
      top -= h;
      bars.push({ x, y: top, width: BAR, height: h, stance });
    }
    labels.push({ x: Math.round(i * step + step / 2), y: HEIGHT - 4, text: d.label });
  });
  return { width: WIDTH, height: HEIGHT, days, bars, labels, max, total };
}
