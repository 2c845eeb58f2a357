// Guessing one account's password from many addresses (the per-IP limits cannot see it):
// after a few wrong passwords in a row the account waits before the next try, longer each
// time, and only the browser that already signed in to it passes at once. The owner is
// therefore never locked out of their own device, and a guesser gets a handful of tries an
// hour at most. A correct password resets the count.
export const FREE_FAILURES = 5; // wrong passwords in a row before waiting starts
const FIRST_WAIT_SECONDS = 2;
export const MAX_WAIT_SECONDS = 15 * 60;

/** A wait that starts after `free` failures in a row at `first` seconds and doubles up to `max`. */
export function doublingWait(failures: number, free: number, first: number, max: number): number {
  return failures < free ? 0 : Math.min(max, first * 2 ** (failures - free));
}

/** How long the account waits after its `failures`-th wrong password in a row (0 = not at all). */
export function waitAfterFailures(failures: number): number {
  return doublingWait(failures, FREE_FAILURES, FIRST_WAIT_SECONDS, MAX_WAIT_SECONDS);
}

/** A wait in the words the messages use: `30초`, `2분`. */
export function waitInWords(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)}분` : `${seconds}초`;
}

/** Whether a run of failures is worth a line in the log: the first wait, then each doubling. */
export function isBurst(failures: number): boolean {
  return failures >= FREE_FAILURES && Number.isInteger(Math.log2(failures / FREE_FAILURES));
}
