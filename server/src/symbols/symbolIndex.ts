import { LRUCache } from 'lru-cache';
import { languageOfPath } from '../languages';
import { MAX_SCANNED_FILE_BYTES } from '../links/annotationScanner';
import type { CodeSymbol } from './codeSymbol';
import { buildOutline } from './outline';
import type { GrammarLoader } from './treeSitter';

interface CachedOutline {
  readonly text: string;
  readonly symbols: readonly CodeSymbol[];
}

/**
 * Symbol outlines per file, parsed on demand and cached against the exact text they were
 * parsed from, so hovers in an unchanged file never parse twice.
 */
export class SymbolIndex {
  private readonly cache = new LRUCache<string, CachedOutline>({ max: 2000 });

  constructor(private readonly grammars: GrammarLoader) {}

  /** `undefined` when no grammar fits the file: its links are file-level. */
  async outline(filePath: string, text: string): Promise<readonly CodeSymbol[] | undefined> {
    const grammar = languageOfPath(filePath)?.grammar;
    if (!grammar || text.length > MAX_SCANNED_FILE_BYTES) return undefined;
    const cached = this.cache.get(filePath);
    if (cached && cached.text === text) return cached.symbols;
    const parser = await this.grammars.parser(grammar);
    const tree = parser.parse(text);
    if (!tree) return undefined;
    try {
      const symbols = buildOutline(tree, grammar);
      this.cache.set(filePath, { text, symbols });
      return symbols;
    } finally {
      tree.delete();
    }
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
  }
}
