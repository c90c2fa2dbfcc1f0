import type { ItemDetail } from '../../../server/src/protocol';
import { itemSchema, locationSchema, touchpointSchema, type PanelItem } from '../../../webview/src/protocol';
import { openableTrackerUrl } from '../items/trackerUrl';

export interface PanelItems {
  readonly items: readonly PanelItem[];
  /** What was dropped and why, for the log. */
  readonly problems: readonly string[];
}

const serverLocationSchema = locationSchema.omit({ label: true });
const quoteSchema = itemSchema.shape.quotes.element;
const pullRequestSchema = itemSchema.shape.pullRequests.element;

/** The server is another process (maybe another version): arrays are checked, not trusted. */
function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function keyOf(detail: ItemDetail): string {
  return typeof detail.key === 'string' ? detail.key : '(no key)';
}

/**
 * Maps the server's item details to what the panel renders: each code location gets a
 * workspace-relative `label`, tracker and PR links are kept only when http(s), and anything
 * not matching the panel's schema is dropped — a bad quote loses the quote, not the item.
 */
export function toPanelItems(details: readonly ItemDetail[], describeUri: (uri: string) => string): PanelItems {
  const problems: string[] = [];
  const items: PanelItem[] = [];
  for (const detail of listOf(details) as readonly ItemDetail[]) {
    if (typeof detail !== 'object' || detail === null) {
      problems.push('dropped an item detail that is not an object');
      continue;
    }
    const key = keyOf(detail);
    const keep = <T>(kind: string, values: unknown, parse: (value: unknown) => T | undefined): T[] => {
      const kept: T[] = [];
      for (const value of listOf(values)) {
        const parsed = parse(value);
        if (parsed === undefined) {
          problems.push(`${key}: dropped a malformed ${kind}`);
        } else {
          kept.push(parsed);
        }
      }
      return kept;
    };
    const locations = keep('code location', detail.locations, (value) => {
      const parsed = serverLocationSchema.safeParse(value);
      return parsed.success ? { ...parsed.data, label: describeUri(parsed.data.uri) } : undefined;
    });
    const quotes = keep('quote', detail.quotes, (value) => {
      const parsed = quoteSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
    const touchpoints = keep('touchpoint', detail.touchpoints, (value) => {
      const parsed = touchpointSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
    const pullRequests = keep('pull request', detail.pullRequests, (value) => {
      const parsed = pullRequestSchema.safeParse(value);
      return parsed.success && openableTrackerUrl(parsed.data.url) !== undefined ? parsed.data : undefined;
    });
    const url = openableTrackerUrl(typeof detail.url === 'string' ? detail.url : undefined);
    if (url === undefined && detail.url !== undefined) {
      problems.push(`${key}: dropped a tracker URL that is not http(s)`);
    }
    // `url` comes after the spread, so a dropped link is absent rather than the server's value.
    const parsed = itemSchema.safeParse({ ...detail, url, locations, quotes, touchpoints, pullRequests });
    if (parsed.success) {
      items.push(parsed.data);
    } else {
      problems.push(`dropped item ${key}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    }
  }
  return { items, problems };
}
