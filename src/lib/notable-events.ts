// The events an operator wants to see as they happen, each one log line and one count for the
// metrics (`jongto_events_total{event}`): sign-in failure bursts, rate-limit refusals,
// blindings, appeals, operator actions, housekeeping runs, integrity cases, migrations and backups.
import { pino } from "pino";
import { createLogger, type Logger } from "./log.ts";

export type NotableEvent =
  | "sign_in_burst"
  | "two_step_wait"
  | "account_withdrawn"
  | "rate_limited"
  | "blinding"
  | "appeal_filed"
  | "appeal_decided"
  | "operator_action"
  | "housekeeping"
  | "integrity_cases"
  | "votes_voided"
  | "cleanbot_rule"
  | "migration"
  | "backup";

export class NotableEvents {
  readonly #listeners: ((event: NotableEvent) => void)[] = [];

  constructor(readonly log: Logger) {}

  /** Logs the event (`event` plus its fields: ids and counts, never text a user typed) and counts it. */
  record(event: NotableEvent, fields: Record<string, unknown> = {}, message: string = event.replaceAll("_", " ")): void {
    this.log.info({ event, ...fields }, message);
    for (const listener of this.#listeners) listener(event);
  }

  onRecord(listener: (event: NotableEvent) => void): void {
    this.#listeners.push(listener);
  }
}

/**
 * For the commands (npm run db:migrate, npm run backup): their events as JSON lines on stderr
 * when a script or scheduler runs them (a log collector reads them there); a person at a
 * terminal reads the command's own sentence on stdout instead.
 */
export function commandEvents(level: Parameters<typeof createLogger>[0]["level"]): NotableEvents {
  const quiet = process.stderr.isTTY || level === "silent";
  return new NotableEvents(createLogger({ level: quiet ? "silent" : level, destination: pino.destination({ dest: 2, sync: true }) }));
}
