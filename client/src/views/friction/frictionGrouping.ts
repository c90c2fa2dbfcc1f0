import type { ItemLocation, ItemSummary } from '../../../../server/src/protocol';

export interface JourneyGroup {
  /** `undefined` collects the items without a journey. */
  readonly journey: string | undefined;
  readonly items: readonly ItemSummary[];
}

/**
 * Groups ranked items by journey. A group ranks by its best item, so the journey that hurts
 * most comes first; items without a journey come last. Items keep the server's order.
 */
export function groupByJourney(items: readonly ItemSummary[]): readonly JourneyGroup[] {
  const groups = new Map<string, ItemSummary[]>();
  const withoutJourney: ItemSummary[] = [];
  for (const item of items) {
    const journey = item.journey?.trim();
    if (journey === undefined || journey === '') {
      withoutJourney.push(item);
      continue;
    }
    const group = groups.get(journey);
    if (group === undefined) {
      groups.set(journey, [item]);
    } else {
      group.push(item);
    }
  }
  const result: JourneyGroup[] = [...groups].map(([journey, grouped]) => ({ journey, items: grouped }));
  if (withoutJourney.length > 0) {
    result.push({ journey: undefined, items: withoutJourney });
  }
  return result;
}

export interface LinkedItem {
  readonly item: ItemSummary;
  readonly locations: readonly ItemLocation[];
}

export interface FileGroup {
  readonly uri: string;
  /** Each item with only its locations in this file. */
  readonly entries: readonly LinkedItem[];
}

export interface FileGrouping {
  readonly files: readonly FileGroup[];
  /** Items with no linked code: listed apart so filtering by file never hides them silently. */
  readonly unlinked: readonly ItemSummary[];
}

/**
 * Groups ranked items by the files their code locations are in. A file ranks by the best item
 * linked in it; within a file, items keep the server's order.
 */
export function groupByFile(linked: readonly LinkedItem[]): FileGrouping {
  const files = new Map<string, LinkedItem[]>();
  const unlinked: ItemSummary[] = [];
  for (const { item, locations } of linked) {
    if (locations.length === 0) {
      unlinked.push(item);
      continue;
    }
    const byUri = new Map<string, ItemLocation[]>();
    for (const location of locations) {
      const inFile = byUri.get(location.uri);
      if (inFile === undefined) {
        byUri.set(location.uri, [location]);
      } else {
        inFile.push(location);
      }
    }
    for (const [uri, inFile] of byUri) {
      const entries = files.get(uri);
      if (entries === undefined) {
        files.set(uri, [{ item, locations: inFile }]);
      } else {
        entries.push({ item, locations: inFile });
      }
    }
  }
  return { files: [...files].map(([uri, entries]) => ({ uri, entries })), unlinked };
}
