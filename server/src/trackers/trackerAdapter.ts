import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';

/** One page of a tracker's answer, already mapped to the domain. */
export interface TrackerPage {
  readonly items: readonly FrictionItem[];
  readonly evidence: readonly Evidence[];
  /** Records on this page that failed validation: skipped and reported; the rest of the page is kept. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** Where the next page starts; absent on the last page. Persisted, so a restart resumes here. */
  readonly cursor?: string;
  /**
   * Every further page, when the tracker tells them up front (GitHub's `Link: rel="last"`):
   * the engine may then fetch them in parallel instead of following `cursor` one by one.
   */
  readonly remainingCursors?: readonly string[];
  /** The newest update time on this page: the next run's watermark once the run completes. */
  readonly newestUpdate?: string;
  /**
   * Validators this page's requests were answered with (request URL → ETag), including ones a
   * 304 confirmed. The completed run's set replaces the snapshot's, so it never grows stale.
   */
  readonly etags?: Readonly<Record<string, string>>;
}

export interface PageRequest {
  /** Only records updated at or after this ISO time (the persisted watermark); absent for a full sync. */
  readonly since?: string;
  /** The page to fetch: absent for the first, else a `cursor` from an earlier page (maybe persisted). */
  readonly cursor?: string;
  /**
   * Validators (request URL → ETag) saved by the last completed run, offered only when this run
   * merges into that run's snapshot: a 304 then means "nothing you lack", so the adapter returns
   * no records for it. A full run gets none, since there a 304 would drop the unchanged records.
   */
  readonly etags?: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

/**
 * One configured tracker. Adapters are pure mappings over an injected HTTP client bound to
 * `origin` (DESIGN.md, "Tracker adapters sit behind one interface"): they never retry, sleep,
 * persist or merge: the sync engine does, the same way for every tracker.
 */
export interface TrackerAdapter {
  /** The configured name (`trackers[].name`), unique per workspace. */
  readonly name: string;
  /** The id prefix of its items: `jira`, `github`, `linear`, `zendesk`. */
  readonly source: string;
  /** The only origin the tracker's token is ever sent to. */
  readonly origin: string;
  /** One page per call, so the engine can retry a page and resume from a persisted cursor. */
  page(request: PageRequest): Promise<TrackerPage>;
  /** One cheap authenticated call for "Connect Tracker…": who we are connected as, or a TrackerError. */
  check(signal: AbortSignal): Promise<string>;
}
