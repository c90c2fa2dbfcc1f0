import { z } from 'zod';

/**
 * Where a GitHub sync continues, persisted in the engine's journal so a restart resumes there.
 * A cursor is a queue of page URLs, each with the configured repo it belongs to (the URLs are
 * GitHub's `/repositories/<id>/…` form, which does not name the repo). A page listed up front
 * (from `rel="last"`) is fetched alone; one marked `follow` is walked through its `rel="next"`.
 */
export interface CursorPage {
  readonly repo: string;
  readonly url: string;
  /** Continue with this page's `rel="next"` (repos whose first page had no usable `last`). */
  readonly follow?: boolean;
}

export interface GithubCursor {
  readonly pages: readonly CursorPage[];
  /**
   * The server's clock when the run's first pages were answered: no watermark may pass it, since
   * records updated after it may have moved between pages that were already fetched.
   */
  readonly until?: string;
}

const cursorSchema = z.object({
  v: z.literal(1),
  pages: z.array(z.object({ repo: z.string(), url: z.string(), follow: z.boolean().optional() })).min(1),
  until: z.string().optional(),
});

export function encodeCursor(cursor: GithubCursor): string {
  return JSON.stringify({ v: 1, ...cursor });
}

/** `undefined` for a cursor this version cannot read (a journal from another version): the run then starts over. */
export function decodeCursor(text: string): GithubCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    const { pages, until } = parsed.data;
    return { pages: pages.map(({ repo, url, follow }) => ({ repo, url, ...(follow && { follow }) })), ...(until !== undefined && { until }) };
  } catch {
    return undefined;
  }
}
