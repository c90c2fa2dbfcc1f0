import type { KeyMention } from '../links/annotationScanner';

/** Key mentions of every scanned file, and the reverse map from key to files. */
export class MentionIndex {
  private readonly byFile = new Map<string, KeyMention[]>();
  private readonly filesByKey = new Map<string, Set<string>>();

  set(relativePath: string, mentions: readonly KeyMention[]): void {
    this.delete(relativePath);
    if (mentions.length === 0) return;
    this.byFile.set(relativePath, [...mentions]);
    for (const mention of mentions) {
      let files = this.filesByKey.get(mention.key);
      if (!files) this.filesByKey.set(mention.key, (files = new Set()));
      files.add(relativePath);
    }
  }

  delete(relativePath: string): void {
    const previous = this.byFile.get(relativePath);
    if (!previous) return;
    this.byFile.delete(relativePath);
    for (const mention of previous) {
      const files = this.filesByKey.get(mention.key);
      files?.delete(relativePath);
      if (files?.size === 0) this.filesByKey.delete(mention.key);
    }
  }

  clear(): void {
    this.byFile.clear();
    this.filesByKey.clear();
  }

  /** The same array until the file's mentions change: callers may cache against its identity. */
  inFile(relativePath: string): readonly KeyMention[] {
    return this.byFile.get(relativePath) ?? NO_MENTIONS;
  }

  filesMentioning(key: string): ReadonlySet<string> {
    return this.filesByKey.get(key) ?? EMPTY;
  }

  /** Every (key, number of files) pair: for counts without touching file contents. */
  keys(): IterableIterator<[string, ReadonlySet<string>]> {
    return this.filesByKey.entries();
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const NO_MENTIONS: readonly KeyMention[] = Object.freeze([]);
