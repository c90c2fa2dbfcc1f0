/**
 * When a snapshot was synced, as the sync status bar item says it. Local time, English month
 * names (like the rest of the UI); `now` is a parameter so tests do not depend on the clock.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** `Nov 23`, with the year when it is not this year's. */
function formatDate(at: Date, now: Date): string {
  const date = `${MONTHS[at.getMonth()] ?? ''} ${at.getDate()}`;
  return at.getFullYear() === now.getFullYear() ? date : `${date} ${at.getFullYear()}`;
}

/** A timestamp from the server; `undefined` when absent or unreadable, which reads as "never synced". */
export function parseSyncedAt(iso: string | undefined): Date | undefined {
  if (iso === undefined) {
    return undefined;
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** `09:14` today, `Nov 23 09:14` on another day (`Nov 23 2024 09:14` in another year). */
export function formatSyncClock(at: Date, now: Date): string {
  const clock = `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
  return sameDay(at, now) ? clock : `${formatDate(at, now)} ${clock}`;
}

/** `just now`, `2 min ago`, `3 h ago`, then `on Nov 23`: reads after "synced". */
export function formatSyncAge(at: Date, now: Date): string {
  // A clock a little behind the server's must not say "in 1 min".
  const elapsed = Math.max(0, now.getTime() - at.getTime());
  if (elapsed < MINUTE) {
    return 'just now';
  }
  if (elapsed < HOUR) {
    return `${Math.floor(elapsed / MINUTE)} min ago`;
  }
  if (elapsed < DAY) {
    return `${Math.floor(elapsed / HOUR)} h ago`;
  }
  return `on ${formatDate(at, now)}`;
}

/** `09:14 (2 min ago)`, or `Nov 23 09:14` once the age would only repeat the date. */
export function formatSyncMoment(at: Date, now: Date): string {
  const clock = formatSyncClock(at, now);
  return now.getTime() - at.getTime() < DAY ? `${clock} (${formatSyncAge(at, now)})` : clock;
}

/** The oldest of some timestamps: what "synced … ago" must not overstate. */
export function oldest(dates: readonly (Date | undefined)[]): Date | undefined {
  let result: Date | undefined;
  for (const date of dates) {
    if (date !== undefined && (result === undefined || date.getTime() < result.getTime())) {
      result = date;
    }
  }
  return result;
}
