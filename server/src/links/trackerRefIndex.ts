import type { ItemCatalog } from '../catalog/itemCatalog';
import { parseCodeRef, type CodeRef } from './codeRefs';

export interface TrackerRef {
  readonly itemKey: string;
  readonly ref: CodeRef;
}

/** Code references found on the tracker side (an item's `code:` list and its title and summary), by file. */
export class TrackerRefIndex {
  private readonly byPath = new Map<string, TrackerRef[]>();

  constructor(catalog: ItemCatalog, repository: string | undefined) {
    for (const { key, refs: written } of catalog.codeRefs()) {
      const refs = written.flatMap((text) => parseCodeRef(text, repository) ?? []);
      const seen = new Set<string>();
      for (const ref of refs) {
        const identity = `${ref.path}#${ref.symbol ?? ''}:${ref.startLine ?? ''}`;
        if (seen.has(identity)) continue;
        seen.add(identity);
        const list = this.byPath.get(ref.path);
        if (list) list.push({ itemKey: key, ref });
        else this.byPath.set(ref.path, [{ itemKey: key, ref }]);
      }
    }
  }

  forFile(relativePath: string): readonly TrackerRef[] {
    return this.byPath.get(relativePath) ?? [];
  }

  all(): { itemKey: string; path: string }[] {
    const result: { itemKey: string; path: string }[] = [];
    for (const [filePath, refs] of this.byPath) for (const ref of refs) result.push({ itemKey: ref.itemKey, path: filePath });
    return result;
  }

  forItem(key: string): { path: string; ref: CodeRef }[] {
    const result: { path: string; ref: CodeRef }[] = [];
    for (const [filePath, refs] of this.byPath) for (const ref of refs) if (ref.itemKey === key) result.push({ path: filePath, ref: ref.ref });
    return result;
  }
}
