import { describe, expect, it } from "vitest";
import { voteTransition } from "../../src/modules/votes/votes.rules.ts";

describe("voteTransition", () => {
  it.each([
    [null, "UP", { next: "UP", up: 1, down: 0 }],
    [null, "DOWN", { next: "DOWN", up: 0, down: 1 }],
    ["UP", "UP", { next: null, up: -1, down: 0 }],
    ["UP", "DOWN", { next: "DOWN", up: -1, down: 1 }],
    ["DOWN", "DOWN", { next: null, up: 0, down: -1 }],
    ["DOWN", "UP", { next: "UP", up: 1, down: -1 }],
  ] as const)("%s + press %s", (current, pressed, expected) => {
    expect(voteTransition(current, pressed)).toEqual(expected);
  });
});
