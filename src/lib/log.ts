// Structured logs (pino): one JSON object per line on stdout, for journald or any shipper.
// Every line carries `time`, `level` and `msg`; request lines add the request id. Secrets never
// reach a line: request and response objects are never logged whole (src/http/request-log.ts
// builds each request line field by field), and the paths below are censored in case a caller
// passes one by mistake.
import { pino, type Logger, type DestinationStream, type LevelWithSilent } from "pino";

export type { Logger };
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const REDACT = ["password", "*.password", "passwordHash", "*.passwordHash", "cookie", "*.cookie", "_csrf", "*._csrf", "sessionId", "*.sessionId", "authorization", "*.authorization"];

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Human-readable lines (pino-pretty, a dev dependency); JSON when it is not installed. */
  pretty?: boolean;
  /** Where lines go (tests capture them); stdout without blocking the event loop otherwise. */
  destination?: DestinationStream;
}

export function createLogger({ level, pretty = false, destination }: LoggerOptions): Logger {
  const options = { level, base: undefined, redact: { paths: REDACT, censor: "[redacted]" } };
  if (destination) return pino(options, destination);
  if (pretty && canResolve("pino-pretty")) {
    return pino({ ...options, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } } });
  }
  // Asynchronous writes: a request never waits for the terminal or the pipe.
  return pino(options, pino.destination({ dest: 1, sync: false }));
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
