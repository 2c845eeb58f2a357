// The events an operator wants to see as they happen, each one log line and one count for the
// metrics (`jongto_events_total{event}`): sign-in failure bursts, rate-limit refusals,
// blindings, appeals, operator actions, housekeeping runs, migrations and backups.
import type { Logger } from "./log.ts";

export type NotableEvent =
  | "sign_in_burst"
  | "rate_limited"
  | "blinding"
  | "appeal_filed"
  | "appeal_decided"
  | "operator_action"
  | "housekeeping"
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
