import type { PageRequest, TrackerAdapter, TrackerPage } from '../../server/src/trackers/trackerAdapter';

/**
 * `adapter` with its `page()` replaced by `page(request, fetchPage)`, where `fetchPage` is the
 * adapter's own: a test hooks into each page request (counting, timing, failing) and into the
 * page it answers. Name, source, origin and `check()` are the adapter's.
 */
export function wrapPages(adapter: TrackerAdapter, page: (request: PageRequest, fetchPage: TrackerAdapter['page']) => Promise<TrackerPage>): TrackerAdapter {
  return {
    name: adapter.name,
    source: adapter.source,
    origin: adapter.origin,
    check: (signal) => adapter.check(signal),
    page: (request) => page(request, (own) => adapter.page(own)),
  };
}

/** Where a run was when the engine started mapping a page (called its `records()`). */
export interface MappingStart {
  /** The page's place among the answered pages, from 1. */
  readonly page: number;
  /** Pages asked of the adapter so far, and pages it had answered. */
  readonly sent: number;
  readonly answered: number;
}

/**
 * `adapter` calling `hook` each time the engine starts mapping one of its pages, before the
 * page's own `records()` runs: the hook may block, throw or end the process right there.
 */
export function beforeMapping(adapter: TrackerAdapter, hook: (at: MappingStart) => void): TrackerAdapter {
  let sent = 0;
  let answered = 0;
  return wrapPages(adapter, async (request, fetchPage) => {
    sent++;
    const page = await fetchPage(request);
    const index = ++answered;
    return {
      ...page,
      records: () => {
        hook({ page: index, sent, answered });
        return page.records();
      },
    };
  });
}
