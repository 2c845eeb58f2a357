// Structured logs (pino): one JSON object per line on stdout, for journald or any shipper.
// Every line carries `time`, `level` and `msg`; request lines add the request id. Secrets never
// reach a line because nothing is logged whole: request and response objects never are
// (src/http/request-log.ts builds each request line field by field), notable events carry ids
// and counts, and errors their message and stack. (pino's `redact` would re-check every line
// for paths that cannot occur; the profile showed it at 1.5 % of the board page's CPU.)
import { pino, type Logger, type DestinationStream, type LevelWithSilent } from "pino";

export type { Logger };
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Human-readable lines (pino-pretty, a dev dependency); JSON when it is not installed. */
  pretty?: boolean;
  /** Where lines go (tests capture them); stdout without blocking the event loop otherwise. */
  destination?: DestinationStream;
}

export function createLogger({ level, pretty = false, destination }: LoggerOptions): Logger {
  const options = { level, base: undefined };
  if (destination) return pino(options, destination);
  if (pretty && canResolve("pino-pretty")) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", singleLine: true } } });
  }
  // Asynchronous, buffered writes: a request never waits for the terminal or the pipe, and
  // lines go out 4 KiB at a time, or within a second when traffic is light.
  // If stdout stops draining, at most 16 MiB wait; beyond that lines are dropped, not memory.
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096, maxLength: 16 * 1024 * 1024 });
  setInterval(() => stdout.flush(), 1000).unref();
  return pino(options, stdout);
}

/** A logger that writes nothing: scripts' and tests' default. */
export const silentLogger: Logger = pino({ level: "silent" });

function canResolve(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}
