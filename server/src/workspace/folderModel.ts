import path from 'node:path';
import { LRUCache } from 'lru-cache';
import { ItemCatalog } from '../catalog/itemCatalog';
import type { KeyMention } from '../links/annotationScanner';
import { catalogEntries } from '../catalog/catalogEntry';
import { recordsInMemory, type RecordSource } from '../catalog/recordSource';
import { resolveFileLinks, type FileLinks, type FileLinkSources } from '../features/fileLinks';
import { parseCodeRef, type CodeRef } from '../links/codeRefs';
import { MappingRules } from '../links/mappingRules';
import { TrackerRefIndex } from '../links/trackerRefIndex';
import { loadLocalData, type LocalData, type TextReader } from '../local/localData';
import type { ConfigProblem } from '../local/problems';
import { LOCAL_FOLDER } from '../local/schemas';
import type { ItemLocation } from '../protocol';
import type { CodeSymbol } from '../symbols/codeSymbol';
import type { SymbolIndex } from '../symbols/symbolIndex';
import type { FileScan } from './fileScanner';
import { scanFileOnDisk, scanText } from './fileScanner';
import { githubRepositoryOf } from './gitRemote';
import { IgnoreRules } from './ignoreRules';
import { MentionIndex } from './mentionIndex';
import { scanWorkspace, type ScanStats } from './workspaceScanner';

interface CachedFileLinks {
  readonly text: string;
  readonly generation: number;
  /** The mentions they were resolved from: a scan can record them after a hover cached none. */
  readonly mentions: readonly KeyMention[];
  readonly links: FileLinks;
}

/** At most this many files are parsed to answer "where is this item linked?". */
const MAX_LOCATION_FILES = 200;

/**
 * Everything Customer Lens knows about one workspace folder: its local data, the items, the
 * key mentions of every file and the link sources. It answers from memory; only
 * `reloadLocal`, `scan` and file updates touch the disk.
 */
export class FolderModel {
  readonly ignoreRules: IgnoreRules;
  private readonly mentions = new MentionIndex();
  private readonly files = new Set<string>();
  private readonly fileLinksCache = new LRUCache<string, CachedFileLinks>({ max: 500 });
  private local: LocalData | undefined;
  private detectedRepository: string | undefined;
  /** Tracker snapshots in force, in config order. */
  private trackerSources: readonly RecordSource[] = [];
  private sources: FileLinkSources = { catalog: ItemCatalog.empty(), mappings: new MappingRules([]), trackerRefs: new TrackerRefIndex(ItemCatalog.empty(), undefined) };
  private generation = 0;
  private scanning: { cancelled: boolean } | undefined;
  lastScan: ScanStats | undefined;

  constructor(
    /** File-system path of the folder. */
    readonly root: string,
    readonly uri: string,
    private readonly symbols: SymbolIndex,
  ) {
    this.ignoreRules = new IgnoreRules(root);
  }

  get catalog(): ItemCatalog {
    return this.sources.catalog;
  }

  get isScanning(): boolean {
    return this.scanning !== undefined;
  }

  /** A first full scan has finished and no other is running. */
  get isIndexed(): boolean {
    return this.scanning === undefined && this.lastScan !== undefined;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Repo-relative posix path of a file-system path inside this folder, else `undefined`. */
  relativePath(filePath: string): string | undefined {
    const relative = path.relative(this.root, filePath);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  isLocalDataFile(relativePath: string): boolean {
    return relativePath.startsWith(`${LOCAL_FOLDER}/`) && /\.ya?ml$/.test(relativePath);
  }

  /** Reads `.customer-lens/*.yaml` again and rebuilds the catalog and link sources from it. */
  async reloadLocal(read: TextReader): Promise<void> {
    const [local, detectedRepository] = await Promise.all([loadLocalData(this.root, read), githubRepositoryOf(this.root)]);
    this.local = local;
    this.detectedRepository = detectedRepository;
    this.rebuildCatalog(local);
  }

  /** The `trackers:` entries of config.yaml, unvalidated (the sync validates them). */
  get trackerEntries(): readonly unknown[] {
    return this.local?.config.trackers ?? [];
  }

  /** New tracker snapshots are in force: the catalog merges them with the local files. */
  setTrackerSources(sources: readonly RecordSource[]): void {
    this.trackerSources = sources;
    if (this.local) this.rebuildCatalog(this.local);
  }

  private rebuildCatalog(local: LocalData): void {
    this.generation++;
    // Trackers first: they are the source of truth for an item's state; local files fill gaps
    // and add quotes and code references (the CLI merges in the same order).
    const entries = catalogEntries([...this.trackerSources, recordsInMemory('local', local.items)]);
    const catalog = new ItemCatalog(entries, local.touchpoints, local.config.keyPrefixes, this.generation);
    this.sources = {
      catalog,
      mappings: new MappingRules(local.mappings),
      trackerRefs: new TrackerRefIndex(catalog, local.config.repository ?? this.detectedRepository),
    };
  }

  /** Scans the whole folder in the background; a newer scan cancels an older one. */
  async scan(onUnreadable?: (relativePath: string, message: string) => void): Promise<ScanStats | undefined> {
    if (this.scanning) this.scanning.cancelled = true;
    const cancellation = { cancelled: false };
    this.scanning = cancellation;
    this.ignoreRules.reset();
    this.mentions.clear();
    this.files.clear();
    const stats = await scanWorkspace(this.root, this.ignoreRules, (relativePath, scan) => this.record(relativePath, scan), cancellation, onUnreadable);
    if (cancellation.cancelled) return undefined;
    this.scanning = undefined;
    this.lastScan = stats;
    return stats;
  }

  cancelScan(): void {
    if (this.scanning) this.scanning.cancelled = true;
    this.scanning = undefined;
  }

  /** Re-reads one file from disk after it was created or changed outside an editor. */
  updateFromDisk(relativePath: string): void {
    if (this.ignoreRules.isIgnored(relativePath, false)) return;
    this.record(relativePath, scanFileOnDisk(this.root, relativePath));
  }

  /** Rescans an editor's buffer, saved or not. */
  updateFromText(relativePath: string, text: string): void {
    if (this.ignoreRules.isIgnored(relativePath, false)) return;
    this.record(relativePath, scanText(relativePath, text));
  }

  remove(relativePath: string): void {
    this.files.delete(relativePath);
    this.mentions.delete(relativePath);
    this.fileLinksCache.delete(relativePath);
    this.symbols.forget(path.join(this.root, relativePath));
  }

  private record(relativePath: string, scan: FileScan): void {
    if (scan.kind === 'unreadable') {
      this.remove(relativePath);
      return;
    }
    this.files.add(relativePath);
    this.mentions.set(relativePath, scan.kind === 'scanned' ? scan.mentions : []);
  }

  /** The links of a file whose current text is `text`; cached per text and catalog. */
  async fileLinks(relativePath: string, uri: string, text: string): Promise<FileLinks> {
    const cached = this.cachedFileLinks(relativePath, text);
    if (cached) return cached;
    const outline = await this.symbols.outline(path.join(this.root, relativePath), text);
    // Read after the wait, so what is cached is what it was resolved from.
    const generation = this.generation;
    const mentions = this.mentions.inFile(relativePath);
    const links = resolveFileLinks(uri, relativePath, mentions, outline, this.sources);
    this.fileLinksCache.set(relativePath, { text, generation, mentions, links });
    return links;
  }

  /** Every symbol of a file, linked or not (`undefined` when no grammar fits): to link one. */
  outlineOf(relativePath: string, text: string): Promise<readonly CodeSymbol[] | undefined> {
    return this.symbols.outline(path.join(this.root, relativePath), text);
  }

  /** The cached links of a file, only if still valid for `text`: for callers that must not wait. */
  cachedFileLinks(relativePath: string, text: string): FileLinks | undefined {
    const cached = this.fileLinksCache.get(relativePath);
    return cached && cached.generation === this.generation && cached.text === text && cached.mentions === this.mentions.inFile(relativePath) ? cached.links : undefined;
  }

  /** Files that may link to the item, from every source, without reading them. */
  filesLinkedTo(key: string): Set<string> {
    const candidates = new Set<string>(this.mentions.filesMentioning(key));
    for (const rule of this.sources.mappings.forItem(key)) {
      for (const file of this.files) if (this.sources.mappings.matches(rule, file)) candidates.add(file);
    }
    for (const { path: filePath } of this.sources.trackerRefs.forItem(key)) if (this.files.has(filePath)) candidates.add(filePath);
    return candidates;
  }

  /** Every code location linked to the item, with enclosing symbols (parses the files involved). */
  async locationsOf(key: string, read: (relativePath: string) => Promise<string | undefined>, toUri: (relativePath: string) => string): Promise<ItemLocation[]> {
    const locations: ItemLocation[] = [];
    const files = [...this.filesLinkedTo(key)].sort().slice(0, MAX_LOCATION_FILES);
    for (const relativePath of files) {
      const text = await read(relativePath);
      if (text === undefined) continue;
      const links = await this.fileLinks(relativePath, toUri(relativePath), text);
      for (const link of links.links) {
        if (link.itemKey !== key) continue;
        locations.push({ uri: link.uri, range: link.range, origin: link.origin, ...(link.symbol !== undefined && { symbol: link.symbol }) });
      }
    }
    return locations;
  }

  /**
   * Files linked to each known key, for lists and status counts; never reads files. A
   * `links.yaml` rule with a symbol counts the files its glob matches.
   */
  linkedFileCounts(): Map<string, number> {
    const files = new Map<string, Set<string>>();
    const add = (key: string, file: string): void => {
      let set = files.get(key);
      if (!set) files.set(key, (set = new Set()));
      set.add(file);
    };
    const catalog = this.sources.catalog;
    for (const [key, mentioning] of this.mentions.keys()) if (catalog.has(key)) for (const file of mentioning) add(key, file);
    for (const rule of this.sources.mappings.all()) {
      if (!catalog.has(rule.itemKey)) continue;
      for (const file of this.files) if (this.sources.mappings.matches(rule, file)) add(rule.itemKey, file);
    }
    for (const { itemKey, path: filePath } of this.sources.trackerRefs.all()) if (this.files.has(filePath)) add(itemKey, filePath);
    return new Map([...files].map(([key, set]) => [key, set.size]));
  }

  /**
   * Problems in `.customer-lens/*.yaml`: what the loader found, plus links that point nowhere
   * (unknown items, globs matching no file, symbols that no longer exist). The last two need a
   * finished scan and parse the files involved.
   */
  async problems(read: (relativePath: string) => Promise<string | undefined>, toUri: (relativePath: string) => string): Promise<ConfigProblem[]> {
    const local = this.local;
    if (!local) return [];
    const problems = [...local.problems];
    const catalog = this.sources.catalog;
    const scanned = !this.isScanning && this.lastScan !== undefined;
    for (const rule of local.mappings) {
      const at = { file: rule.file, line: rule.line, character: 0 };
      if (!catalog.has(rule.itemKey)) {
        problems.push({ ...at, severity: 'warning', message: `link to unknown item '${rule.itemKey}'` });
        continue;
      }
      if (!scanned) continue;
      const matching = [...this.files].filter((file) => this.sources.mappings.matches(rule, file));
      if (matching.length === 0) {
        problems.push({ ...at, severity: 'warning', message: `path '${rule.glob}' matches no file in this workspace` });
        continue;
      }
      if (rule.symbol && !(await this.anyFileHasSymbol(matching, rule.itemKey, rule.symbol, read, toUri))) {
        problems.push({ ...at, severity: 'warning', message: `symbol '${rule.symbol}' not found in files matching '${rule.glob}'` });
      }
    }
    if (scanned) problems.push(...(await this.codeRefProblems(local, read, toUri)));
    return problems;
  }

  private async anyFileHasSymbol(files: readonly string[], itemKey: string, symbol: string, read: (relativePath: string) => Promise<string | undefined>, toUri: (relativePath: string) => string): Promise<boolean> {
    for (const relativePath of files.slice(0, MAX_LOCATION_FILES)) {
      const text = await read(relativePath);
      if (text === undefined) continue;
      const links = await this.fileLinks(relativePath, toUri(relativePath), text);
      if (!links.unresolvedSymbols.some((unresolved) => unresolved.itemKey === itemKey && unresolved.symbol === symbol)) return true;
    }
    return false;
  }

  /** `code:` entries of local items that name a missing file or symbol. */
  private async codeRefProblems(local: LocalData, read: (relativePath: string) => Promise<string | undefined>, toUri: (relativePath: string) => string): Promise<ConfigProblem[]> {
    const problems: ConfigProblem[] = [];
    const frictionFile = path.join(this.root, LOCAL_FOLDER, 'friction.yaml');
    const repository = local.config.repository ?? this.detectedRepository;
    for (const item of local.items) {
      const line = local.itemLines.get(item.key) ?? 0;
      // The item's own `code:` entries only: a reference a tracker (or another source) keeps for
      // the same key is not something this file can fix.
      const refs = new Map<string, CodeRef>();
      for (const text of item.codeRefs) {
        const ref = parseCodeRef(text, repository);
        if (ref) refs.set(`${ref.path}#${ref.symbol ?? ''}`, ref);
      }
      for (const ref of refs.values()) {
        const filePath = ref.path;
        if (!this.files.has(filePath)) {
          problems.push({ file: frictionFile, line, character: 0, severity: 'warning', message: `${item.key}: code reference '${filePath}' does not exist in this workspace` });
        } else if (ref.symbol && !(await this.anyFileHasSymbol([filePath], item.key, ref.symbol, read, toUri))) {
          problems.push({ file: frictionFile, line, character: 0, severity: 'warning', message: `${item.key}: symbol '${ref.symbol}' not found in ${filePath}` });
        }
      }
    }
    return problems;
  }
}
