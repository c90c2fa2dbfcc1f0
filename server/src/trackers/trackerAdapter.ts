import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';

/** The records of one page, validated one by one and mapped to the domain. */
export interface PageRecords {
  readonly items: readonly FrictionItem[];
  readonly evidence: readonly Evidence[];
  /** Records on this page that failed validation: skipped and reported; the rest of the page is kept. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** The newest update time on this page: the next run's watermark once the run completes. */
  readonly newestUpdate?: string;
}

/**
 * Where a tracker's answer goes on, which the engine needs before anything else: it sends the
 * next request as soon as it has this, then maps the page while that request is in flight.
 */
export interface PageLinks {
  /** Where the next page starts; absent on the last page. Persisted, so a restart resumes here. */
  readonly cursor?: string;
  /**
   * Every further page, when the tracker tells them up front (GitHub's `Link: rel="last"`):
   * the engine may then fetch them in parallel instead of following `cursor` one by one.
   */
  readonly remainingCursors?: readonly string[];
  /**
   * Validators this page's requests were answered with (request URL → ETag), including ones a
   * 304 confirmed. The completed run's set replaces the snapshot's, so it never grows stale.
   */
  readonly etags?: Readonly<Record<string, string>>;
}

/**
 * One page of a tracker's answer: its links at once, its records on demand. `page()` settles as
 * soon as the answer has arrived and its envelope is read (JSON parsed, page-level shape checked,
 * next cursor known): a failure there is the page's, and the engine retries it. Validating and
 * mapping the records one by one is `records()`, which the engine calls once it has sent the next
 * request, so that work overlaps the network instead of delaying it.
 */
export interface TrackerPage extends PageLinks {
  /**
   * The page's records. Synchronous, and it does not throw for a bad record (that one is skipped
   * and reported); the first call does the work and later calls return the same records.
   */
  records(): PageRecords;
}

/**
 * A page whose records are mapped on the first call to `records()`, once; `map` (and the raw
 * answer it holds) is let go as soon as it has run.
 */
export function lazyPage(links: PageLinks, map: () => PageRecords): TrackerPage {
  let state: { readonly map: () => PageRecords } | { readonly records: PageRecords } = { map };
  return {
    ...links,
    records: () => {
      if ('map' in state) state = { records: state.map() };
      return state.records;
    },
  };
}

/** A page whose records are already at hand (an empty page, a test's scripted page). */
export function mappedPage(records: PageRecords, links: PageLinks = {}): TrackerPage {
  return { ...links, records: () => records };
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
  /**
   * One page per call, so the engine can retry a page and resume from a persisted cursor. It
   * settles with the page's links before its records are mapped (see TrackerPage).
   */
  page(request: PageRequest): Promise<TrackerPage>;
  /** One cheap authenticated call for "Connect Tracker…": who we are connected as, or a TrackerError. */
  check(signal: AbortSignal): Promise<string>;
}
