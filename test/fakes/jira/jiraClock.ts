/**
 * Time as Jira shows it to one user: timestamps with that user's offset (`…+1100`, no colon) and
 * JQL date literals read as wall-clock time in that user's zone. Written independently of the
 * adapter's date code so that the fake checks it rather than mirrors it.
 */

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `ms`, in minutes (from Intl's `GMT+05:30` style name). */
export function offsetMinutes(ms: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `2026-11-01T21:00:00.000+1100`, as Jira writes `updated`. */
export function jiraTimestamp(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}${sign}${hours}${minutes}`;
}

/**
 * The instant a JQL literal (`2026/11/01 10:00`, `2026-11-01`, …) names in `timeZone`, or
 * `undefined` when it is not one. In the hour repeated when clocks go back, the later instant:
 * the reading that would make a careless client miss updates.
 */
export function jqlLiteralToMs(literal: string, timeZone: string): number | undefined {
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?: (\d{1,2}):(\d{2}))?$/.exec(literal.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0'] = match;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  const check = new Date(wall);
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day) || Number(hour) > 23) return undefined;
  const candidates = [...new Set([-1, 0, 1].map((days) => offsetMinutes(wall + days * 86_400_000, timeZone)))]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => instant + offsetMinutes(instant, timeZone) * 60_000 === wall);
  // A wall time skipped when clocks go forward: read with the offset before the change.
  return candidates.length > 0 ? Math.max(...candidates) : wall - offsetMinutes(wall - 86_400_000, timeZone) * 60_000;
}
