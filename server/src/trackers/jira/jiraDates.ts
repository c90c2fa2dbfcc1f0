/**
 * Jira's two date languages: the timestamps it returns (`2026-11-01T10:00:00.000+0100`) and the
 * date literals JQL accepts (`"2026/11/01 10:00"`, minute precision, read in the searching
 * user's time zone, not UTC).
 */

const HOUR_MS = 3_600_000;

/**
 * The zone a watermark is written in when the user's zone is unknown: UTC−12, the zone furthest
 * behind UTC (IANA's `Etc/` signs are inverted). A literal read in any real zone then means the
 * same instant or an earlier one: a few extra issues fetched, none missed.
 */
export const SAFEST_TIME_ZONE = 'Etc/GMT+12';

/** Jira's timestamp (offset without a colon) as a UTC ISO string; `undefined` when it is not one. */
export function jiraTimestampToIso(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, local = '', zone = ''] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${local.replace(/(\.\d{3})\d+$/, '$1')}${offset}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Whether the runtime knows this IANA zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
}

function wallClock(ms: number, timeZone: string): WallClock & { readonly offsetMs: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '00';
  const clock = { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
  const asUtc = Date.UTC(Number(clock.year), Number(clock.month) - 1, Number(clock.day), Number(clock.hour), Number(clock.minute), Number(part('second')));
  return { ...clock, offsetMs: asUtc - Math.floor(ms / 1000) * 1000 };
}

/**
 * A JQL date literal for `iso`, floored to the minute in `timeZone`, so that
 * `updated >= "<literal>"` includes everything updated at or after `iso`. Within an hour before
 * a clock change the literal is moved an hour earlier: in the repeated hour Jira may read a wall
 * time as its later instant, and then the issues of up to an hour would be missed.
 */
export function jqlDateLiteral(iso: string, timeZone: string): string | undefined {
  let ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const zone = isKnownTimeZone(timeZone) ? timeZone : SAFEST_TIME_ZONE;
  if (wallClock(ms, zone).offsetMs !== wallClock(ms + HOUR_MS, zone).offsetMs) ms -= HOUR_MS;
  const clock = wallClock(ms, zone);
  return `${clock.year}/${clock.month}/${clock.day} ${clock.hour}:${clock.minute}`;
}
