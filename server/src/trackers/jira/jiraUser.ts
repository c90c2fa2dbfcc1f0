import { z } from 'zod';
import type { TrackerHttp } from '../trackerHttp';
import { isKnownTimeZone, SAFEST_TIME_ZONE } from './jiraDates';

/** `/myself` on Cloud (accountId) and Data Center (name); only what is read here. */
const myselfSchema = z.object({
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  name: z.string().optional(),
  accountId: z.string().optional(),
  timeZone: z.string().optional(),
});

/**
 * The user the token belongs to: who "Connect Tracker…" reports, and the time zone JQL date
 * literals are read in. The zone is asked once per adapter and kept: it is only needed for
 * incremental searches, and an unchanged re-sync should cost a single search.
 */
export class JiraUser {
  private zone: string | undefined;

  constructor(
    private readonly http: TrackerHttp,
    private readonly url: string,
    /** A zone known in advance (tests, or a setting) saves the `/myself` call. */
    fixedTimeZone?: string,
  ) {
    this.zone = fixedTimeZone;
  }

  async describe(signal: AbortSignal): Promise<string> {
    const me = await this.myself(signal);
    const who = me.displayName ?? me.emailAddress ?? me.name ?? me.accountId ?? 'an unnamed user';
    // Shown in a notification: tracker text, so no control characters and no essay.
    return `connected as ${who.replace(/\p{Cc}/gu, '').slice(0, 100)}`;
  }

  async timeZone(signal: AbortSignal): Promise<string> {
    if (this.zone === undefined) await this.myself(signal);
    return this.zone ?? SAFEST_TIME_ZONE;
  }

  private async myself(signal: AbortSignal): Promise<z.infer<typeof myselfSchema>> {
    const me = (await this.http.request({ url: this.url, schema: myselfSchema, signal })).data ?? {};
    // A zone this runtime does not know is replaced by the safe one: never a missed update.
    this.zone ??= me.timeZone !== undefined && isKnownTimeZone(me.timeZone) ? me.timeZone : SAFEST_TIME_ZONE;
    return me;
  }
}
