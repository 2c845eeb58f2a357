// What every command-line program of the project shares: `--help`, options parsed strictly
// (an unknown or malformed option is one line and exit code 2, never a stack trace, and
// nothing is done), and errors a person can act on (a bad setting, a refusal) printed as one
// line with exit code 2. Commands speak Korean to people; option names stay English.
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

/** How a person runs the command, for naming it in a message: "npm run boards:import", "npm start". */
export function commandName(spec: { name: string }): string {
  return spec.name.replace(/\s*\(.*\)\s*$/, "").replace(/\s+--$/, "").trim();
}

function helpText<O extends Options>(spec: CommandSpec<O>): string {
  const lines = [`사용법: ${spec.name}${spec.usage ? ` ${spec.usage}` : ""}`, "", spec.summary];
  const help = { ...spec.optionHelp, help: "이 도움말을 보여 주고 끝냅니다" };
  lines.push("", "옵션:");
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
    fail(`${commandName(spec)}: ${argumentProblem(error as Error & { code?: string })} (도움말: ${commandName(spec)} -- --help)`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(helpText(spec));
    process.exit(0);
  }
  return parsed;
}

/** node's parseArgs refusal, in Korean, naming the option or argument it is about. */
function argumentProblem(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `알 수 없는 옵션 '${quoted}'`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `옵션 '${quoted.replace(/ <value>$/, "")}'의 값이 없거나 맞지 않습니다`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `이 명령은 인자를 받지 않습니다: '${quoted}'`;
    default:
      return error.message.split(". ")[0]!;
  }
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
