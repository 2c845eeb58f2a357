// Every test fails on an unexpected console.error: a server fault must never pass silently.
// A test that expects one says so with expectConsoleError().
import { afterEach, beforeEach, expect, vi } from "vitest";

let errors: unknown[][] = [];
let expected = 0;

export function expectConsoleError(count = 1) {
  expected += count;
}

beforeEach(() => {
  errors = [];
  expected = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length !== expected) {
    expect.fail(`unexpected console.error calls:\n${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
  }
});
