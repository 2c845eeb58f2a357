// The configuration: an empty variable means unset, and a bad one is named in one line with
// an example of a good value.
import fs from "node:fs";
import { parseEnv as parseDotEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_DATABASE_URL, ENV_VARIABLES, parseEnv } from "../../src/config/env.ts";

describe("the environment", () => {
  it("accepts .env.example exactly as copied (its empty values mean unset)", () => {
    const example = parseDotEnv(fs.readFileSync(".env.example", "utf8"));
    const env = parseEnv(example);
    expect(env.SESSION_SECRET).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.HOST).toBeUndefined();
    expect(env.DATABASE_URL).toBe(DEFAULT_DATABASE_URL);
  });

  it("treats every empty variable as unset", () => {
    const empty = Object.fromEntries(ENV_VARIABLES.map((name) => [name, ""]));
    const env = parseEnv(empty);
    expect(env).toEqual(parseEnv({}));
    expect(parseEnv({ NODE_ENV: "  " }).NODE_ENV).toBe("development");
  });

  it("names each bad variable with what is wrong and an example, one line each", () => {
    const error = (() => {
      try {
        parseEnv({ PORT: "abc", TRUST_PROXY: "true", DATABASE_URL: "mysql://x" });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toHaveLength(3);
    expect(error.problems.find((p) => p.startsWith("PORT=abc:"))).toContain("예: PORT=3000");
    expect(error.problems.find((p) => p.startsWith("TRUST_PROXY=true:"))).toContain("예: TRUST_PROXY=1");
    expect(error.problems.find((p) => p.startsWith("DATABASE_URL=mysql://x:"))).toContain("예: DATABASE_URL=file:");
    for (const p of error.problems) expect(p).not.toContain("\n");
  });

  it("documents every variable in .env.example and the README", () => {
    const example = fs.readFileSync(".env.example", "utf8");
    const readme = fs.readFileSync("README.md", "utf8");
    for (const name of ENV_VARIABLES) {
      expect(example, name).toMatch(new RegExp(`^${name}=`, "m"));
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});
