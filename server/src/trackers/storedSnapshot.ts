import { close, closeSync, fstat, open, read, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { ListFields, RecordSource } from '../catalog/recordSource';
import type { Evidence } from '../domain/evidence';
import { FRICTION_STATUSES, SEVERITIES, type FrictionItem, type Severity } from '../domain/frictionItem';
import { isEvidenceColumns, isListColumns, isRankColumns, metaSchema, SNAPSHOT_VERSION, syncNoteSchema, type EvidenceColumns, type ListColumns, type RankColumns, type SnapshotMeta, type SyncNote } from './snapshotFormat';
import type { SourceSnapshot } from './snapshotStore';

const openFile = promisify(open);
const readAt = promisify(read);
const statOf = promisify(fstat);

/** Record lines as stored, by position: views into one buffer read in one go. */
export interface RawRecords {
  item(index: number): Buffer;
  evidence(index: number): Buffer;
}

/**
 * A snapshot's file stays open while anything may still read a record from it: the catalogs
 * built from it are immutable and a request may hold one across an await, so there is no one
 * moment to close it. The descriptor is closed when the snapshot is garbage collected, or by
 * `close()` where the owner knows it is done (the CLI, the sync engine's own reads).
 */
const descriptors = new FinalizationRegistry<number>((fd) => close(fd, () => undefined));

/**
 * A tracker snapshot read from disk (format: snapshotFormat.ts): its indexes in memory, whole
 * records read one at a time by position. Holding the file open pins the version it was opened
 * at: a newer snapshot renamed over it (the next sync, or the CLI) does not change what this one
 * reads.
 */
export class StoredSnapshot implements RecordSource {
  readonly name: string;
  readonly itemCount: number;
  readonly evidenceCount: number;
  private list: ListColumns | undefined;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
    /** Changed only by a sync note about this snapshot (see applyNote). */
    private current: SnapshotMeta,
    private readonly rank: RankColumns,
    private readonly evidenceIndex: EvidenceColumns,
    /** Where the list index line starts. */
    private readonly listAt: number,
    /** Where each record line starts: items, then evidence; one more for the end. */
    private readonly offsets: Float64Array,
  ) {
    this.name = current.tracker;
    this.itemCount = current.items;
    this.evidenceCount = current.evidence;
    descriptors.register(this, fd, this);
  }

  /**
   * The snapshot in `file`, or `undefined` when there is none: missing, or unusable (torn,
   * damaged, of another format version), which `onUnusable` is told with the reason.
   */
  static async open(file: string, notePath: string, onUnusable?: (reason: string) => void): Promise<StoredSnapshot | undefined> {
    let fd: number;
    try {
      fd = await openFile(file, 'r');
    } catch {
      return undefined;
    }
    let result: StoredSnapshot | string;
    try {
      result = await StoredSnapshot.read(file, fd, notePath);
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    if (result instanceof StoredSnapshot) return result;
    closeSync(fd);
    onUnusable?.(result);
    return undefined;
  }

  /** The snapshot, or why it cannot be used. */
  private static async read(file: string, fd: number, notePath: string): Promise<StoredSnapshot | string> {
    const metaLine = await readLine(fd, 0);
    if (metaLine === undefined) return 'no complete first line';
    const meta = metaSchema.safeParse(JSON.parse(metaLine.text));
    if (!meta.success) return `not a snapshot of format version ${SNAPSHOT_VERSION}`;
    const [rankBytes, listBytes, evidenceBytes] = meta.data.sections;
    const rankAt = metaLine.bytes;
    const listAt = rankAt + rankBytes;
    const evidenceAt = listAt + listBytes;
    const [rank, evidence] = await Promise.all([readJson(fd, rankAt, rankBytes), readJson(fd, evidenceAt, evidenceBytes)]);
    if (!isRankColumns(rank, meta.data.items) || !isEvidenceColumns(evidence, meta.data.evidence)) return 'its index does not match its record counts';
    const offsets = new Float64Array(meta.data.items + meta.data.evidence + 1);
    let at = evidenceAt + evidenceBytes;
    let position = 0;
    for (const column of [rank.bytes, evidence.bytes]) {
      for (const bytes of column) {
        offsets[position++] = at;
        at += bytes + 1;
      }
    }
    offsets[position] = at;
    // A file cut short (or grown) is damaged, whatever its index says.
    const { size } = await statOf(fd);
    if (size !== at) return `it is ${size} bytes where its index says ${at}`;
    return new StoredSnapshot(file, fd, await withNote(meta.data, notePath), rank, evidence, listAt, offsets);
  }

  /** As written, brought up to date by the sync note about it, if any. */
  get meta(): Readonly<SnapshotMeta> {
    return this.current;
  }

  /**
   * Takes the time, watermark and ETags of a sync note about this snapshot (one just written for
   * it, so that it need not be opened again); a note about another snapshot changes nothing.
   */
  applyNote(note: SyncNote): void {
    this.current = noted(this.current, note);
  }

  get tracker(): string {
    return this.meta.tracker;
  }

  get watermark(): string | undefined {
    return this.meta.watermark;
  }

  get etags(): Readonly<Record<string, string>> {
    return this.meta.etags;
  }

  get syncedAt(): string {
    return this.meta.syncedAt;
  }

  get records(): number {
    return this.itemCount + this.evidenceCount;
  }

  key(index: number): string {
    return this.rank.key[index] as string;
  }

  severity(index: number): Severity {
    return SEVERITIES[this.rank.severity.charCodeAt(index) - 48] ?? 'low';
  }

  customers(index: number): number {
    return this.rank.customers[index] as number;
  }

  tickets(index: number): number {
    return this.rank.tickets[index] as number;
  }

  codeRefs(index: number): readonly string[] {
    return this.rank.refs[index] ?? [];
  }

  /** The item's id, from the list index (read on first use). */
  itemId(index: number): string {
    return this.listColumns().id[index] as string;
  }

  listFields(index: number): ListFields {
    const list = this.listColumns();
    const url = list.url[index];
    const journey = list.journey[index];
    return {
      source: list.source[index] as string,
      title: list.title[index] as string,
      status: FRICTION_STATUSES[list.status.charCodeAt(index) - 48] ?? 'open',
      labels: list.labels[index] ?? [],
      ...(url !== null && url !== undefined && { url }),
      ...(journey !== null && journey !== undefined && { journey }),
    };
  }

  item(index: number): FrictionItem {
    const item = this.record(index) as FrictionItem;
    if (item.key !== this.key(index)) throw new Error(`${this.file}: item ${index} does not match its index; the snapshot is damaged`);
    return item;
  }

  evidenceId(index: number): string {
    return this.evidenceIndex.id[index] as string;
  }

  evidenceKeys(index: number): readonly string[] {
    return this.evidenceIndex.keys[index] ?? [];
  }

  evidenceCustomer(index: number): string | undefined {
    return this.evidenceIndex.customer[index] ?? undefined;
  }

  evidence(index: number): Evidence {
    const evidence = this.record(this.itemCount + index) as Evidence;
    if (evidence.id !== this.evidenceId(index)) throw new Error(`${this.file}: evidence ${index} does not match its index; the snapshot is damaged`);
    return evidence;
  }

  /** One item's line as stored (for telling whether a fetched record changed it). */
  itemBytes(index: number): Buffer {
    return this.bytesOf(index);
  }

  evidenceBytes(index: number): Buffer {
    return this.bytesOf(this.itemCount + index);
  }

  /**
   * Every record line as stored, read in one go: for copying unchanged records into the next
   * snapshot without parsing them. `item(i)` and `evidence(i)` are views into one buffer.
   */
  async rawRecords(): Promise<RawRecords> {
    const start = this.offsets[0] as number;
    const end = this.offsets[this.offsets.length - 1] as number;
    const buffer = await readExactly(this.fd, start, end - start, {
      // Closed while reading: stop before reading a descriptor that may have been reused.
      beforeRead: () => this.assertOpen(),
      endsEarly: () => new Error(`${this.file}: the snapshot ends early; it is damaged`),
    });
    const line = (position: number): Buffer => buffer.subarray((this.offsets[position] as number) - start, (this.offsets[position + 1] as number) - start - 1);
    return { item: (index) => line(index), evidence: (index) => line(this.itemCount + index) };
  }

  /** Every record, whole: for tests and tools (the language server and the CLI read records one at a time, through a catalog). */
  readAll(): SourceSnapshot {
    const items = Array.from({ length: this.itemCount }, (_, index) => this.item(index));
    const evidence = Array.from({ length: this.evidenceCount }, (_, index) => this.evidence(index));
    const { tracker, watermark, etags, syncedAt } = this.meta;
    return { tracker, items, evidence, ...(watermark !== undefined && { watermark }), etags, syncedAt };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    descriptors.unregister(this);
    closeSync(this.fd);
  }

  private listColumns(): ListColumns {
    if (this.list) return this.list;
    const [, listBytes] = this.meta.sections;
    let list: unknown;
    try {
      list = JSON.parse(this.readSyncAt(this.listAt, listBytes).toString('utf8'));
    } catch (error) {
      throw new Error(`${this.file}: the list index is damaged (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isListColumns(list, this.itemCount)) throw new Error(`${this.file}: the list index is damaged`);
    this.list = list;
    return list;
  }

  private record(position: number): unknown {
    try {
      return JSON.parse(this.bytesOf(position).toString('utf8'));
    } catch (error) {
      throw new Error(`${this.file}: record ${position} is damaged (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private bytesOf(position: number): Buffer {
    const start = this.offsets[position] as number;
    // The line without its newline.
    return this.readSyncAt(start, (this.offsets[position + 1] as number) - start - 1);
  }

  /**
   * Synchronous on purpose: a record is read when a hover or a list needs it, a few hundred bytes
   * from a file the OS has cached, and keeping the catalog synchronous keeps every feature simple.
   */
  private readSyncAt(position: number, length: number): Buffer {
    this.assertOpen();
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, buffer, done, length - done, position + done);
      if (read === 0) throw new Error(`${this.file}: the snapshot ends early; it is damaged`);
      done += read;
    }
    return buffer;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`${this.file}: the snapshot was closed`);
  }
}

/** The meta, brought up to date by the sync note beside it if the note is about this snapshot. */
async function withNote(meta: SnapshotMeta, notePath: string): Promise<SnapshotMeta> {
  let note;
  try {
    note = syncNoteSchema.safeParse(JSON.parse(await readFile(notePath, 'utf8')));
  } catch {
    // None, or torn: the snapshot's own meta stands.
    return meta;
  }
  return note.success ? noted(meta, note.data) : meta;
}

/** `meta` with the time, watermark and ETags of `note`, if the note is about it. */
function noted(meta: SnapshotMeta, note: SyncNote): SnapshotMeta {
  if (note.of !== meta.id) return meta;
  const { syncedAt, watermark, etags } = note;
  return { ...meta, syncedAt, etags, ...(watermark !== undefined && { watermark }) };
}

/** The first line from `position`: its text and its length in bytes, newline included. */
async function readLine(fd: number, position: number): Promise<{ text: string; bytes: number } | undefined> {
  let buffer = Buffer.alloc(0);
  for (let chunk = 64 * 1024; ; chunk *= 2) {
    const next = Buffer.allocUnsafe(chunk);
    const { bytesRead } = await readAt(fd, next, 0, chunk, position + buffer.length);
    buffer = Buffer.concat([buffer, next.subarray(0, bytesRead)]);
    const end = buffer.indexOf(0x0a);
    if (end >= 0) return { text: buffer.toString('utf8', 0, end), bytes: end + 1 };
    if (bytesRead < chunk) return undefined;
  }
}

/**
 * Exactly `length` bytes from `position`. `beforeRead` runs before each read call (it may throw
 * to stop); `endsEarly` is the error when the file ends first.
 */
async function readExactly(fd: number, position: number, length: number, checks: { beforeRead?: () => void; endsEarly?: () => Error } = {}): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    checks.beforeRead?.();
    const { bytesRead } = await readAt(fd, buffer, done, length - done, position + done);
    if (bytesRead === 0) throw checks.endsEarly?.() ?? new Error('the snapshot ends early');
    done += bytesRead;
  }
  return buffer;
}

async function readJson(fd: number, position: number, bytes: number): Promise<unknown> {
  const buffer = await readExactly(fd, position, bytes);
  if (buffer[bytes - 1] !== 0x0a) throw new Error('an index line does not end where the snapshot says');
  return JSON.parse(buffer.toString('utf8', 0, bytes - 1));
}
