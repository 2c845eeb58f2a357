// What every command-line program of the project shares: `--help`, options parsed strictly
// (an unknown or malformed option is one line and exit code 2, never a stack trace), and
// errors a person can act on (a bad setting, a refusal) printed as one line with exit code 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError } from "../config/env.ts";
import { OperatorError } from "../lib/operator-error.ts";


type Options = NonNullable<ParseArgsConfig["options"]>;

export interface CommandSpec<O extends Options> {
  name: string; // how it is run, e.g. "npm run backup --"
  summary: string; // one sentence
  usage?: string; // the arguments after the name, e.g. "[--out FILE]"
  options?: O;
  optionHelp?: Record<string, string>; // one line per option
  positionals?: boolean;
  notes?: string[]; // extra lines for --help
}

function helpText<O extends Options>(spec: CommandSpec<O>): string {
  const lines = [`usage: ${spec.name}${spec.usage ? ` ${spec.usage}` : ""}`, "", spec.summary];
  const help = { ...spec.optionHelp, help: "print this help and exit" };
  lines.push("", "options:");
  const names = Object.keys(help).map((option) => {
    const arg = spec.options?.[option]?.type === "string" ? ` <${option === "out" ? "file" : option}>` : "";
    return `  --${option}${arg}`;
  });
  // The descriptions in one column, two spaces past the longest option.
  const column = Math.max(24, ...names.map((n) => n.length + 2));
  Object.values(help).forEach((text, i) => lines.push(names[i]!.padEnd(column) + text));
  if (spec.notes?.length) lines.push("", ...spec.notes);
  return lines.join("\n");
}

/** Parses argv for a command; `--help` prints the help and exits 0. */
export function parseCommand<O extends Options>(spec: CommandSpec<O>, args = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...spec.options, help: { type: "boolean" } } as O & { help: { type: "boolean" } },
      allowPositionals: spec.positionals ?? false,
      strict: true,
    });
  } catch (error) {
    // node's messages name the option ("Unknown option '--bord'"); the rest of its text is noise.
    const message = (error as Error).message.split(". ")[0]!.replace(/^Unknown option/, "unknown option");
    fail(`${spec.name.split(" ").pop()}: ${message} (see --help)`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(helpText(spec));
    process.exit(0);
  }
  return parsed;
}

export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/**
 * Runs a command's body: an OperatorError (a bad setting, a refusal) is one line and exit
 * code 2; anything else is a fault of the program and keeps its stack for whoever fixes it.
 */
export async function runCommand(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    // A setting names itself ("PORT=abc: …"); other refusals say which command refused.
    if (error instanceof ConfigError) fail(error.message);
    if (error instanceof OperatorError) fail(`${name}: ${error.message}`);
    throw error;
  }
}
