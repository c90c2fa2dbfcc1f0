import { randomBytes } from 'node:crypto';
import type { Evidence } from '../domain/evidence';
import type { ListFields } from '../catalog/recordSource';
import type { FrictionItem, Severity } from '../domain/frictionItem';
import { writeFileAtomic } from './atomicFile';
import { recordCodeRefs, recordJson } from './preparedRecords';
import { SNAPSHOT_VERSION, severityDigit, statusDigit, type SnapshotMeta } from './snapshotFormat';
import type { RawRecords, StoredSnapshot } from './storedSnapshot';

/** A record kept from the previous snapshot, copied as stored rather than parsed and written again. */
export interface KeptRecord {
  readonly from: StoredSnapshot;
  readonly index: number;
}

export type ItemRow = FrictionItem | KeptRecord;
export type EvidenceRow = Evidence | KeptRecord;

export type SnapshotHeader = Pick<SnapshotMeta, 'tracker' | 'watermark' | 'etags' | 'syncedAt'>;

const isKept = (row: ItemRow | EvidenceRow): row is KeptRecord => 'from' in row;
const NEWLINE = Buffer.from('\n');

/**
 * The record lines as chunks to write: new lines are gathered into one string and encoded once
 * per run of them (a Buffer per line would be 100,000 small allocations), kept lines are views
 * into the previous snapshot's bytes. Returns each line's length in bytes, newline excluded.
 */
class RecordLines {
  readonly chunks: Buffer[] = [];
  private text = '';

  add(line: string | Buffer): number {
    if (typeof line === 'string') {
      this.text += `${line}\n`;
      return Buffer.byteLength(line);
    }
    this.flush();
    this.chunks.push(line, NEWLINE);
    return line.length;
  }

  flush(): Buffer[] {
    if (this.text !== '') this.chunks.push(Buffer.from(this.text));
    this.text = '';
    return this.chunks;
  }
}

/** What an item contributes to the index lines, from a whole record or from the previous snapshot's columns. */
function itemColumns(row: ItemRow): { key: string; id: string; severity: Severity; customers: number; tickets: number; refs: readonly string[]; fields: ListFields } {
  if (!isKept(row)) return { key: row.key, id: row.id, severity: row.severity, customers: row.impact.customers, tickets: row.impact.tickets, refs: recordCodeRefs(row), fields: row };
  const { from, index } = row;
  return { key: from.key(index), id: from.itemId(index), severity: from.severity(index), customers: from.customers(index), tickets: from.tickets(index), refs: from.codeRefs(index), fields: from.listFields(index) };
}

/**
 * Writes a snapshot (format: snapshotFormat.ts) atomically. Records come whole (fetched by this
 * run) or as positions in the previous snapshot: an incremental sync that changed ten records of
 * 100,000 parses ten, and copies the other lines and their index entries as they are.
 */
export async function writeSnapshot(file: string, header: SnapshotHeader, items: readonly ItemRow[], evidence: readonly EvidenceRow[]): Promise<void> {
  const raw = new Map<StoredSnapshot, RawRecords>();
  for (const row of [...items, ...evidence]) if (isKept(row) && !raw.has(row.from)) raw.set(row.from, await row.from.rawRecords());

  const lines = new RecordLines();
  const rank = { key: [] as string[], severity: '', customers: [] as number[], tickets: [] as number[], bytes: [] as number[], refs: {} as Record<number, readonly string[]> };
  const list = { id: [] as string[], source: [] as string[], title: [] as string[], status: '', labels: [] as (readonly string[])[], url: [] as (string | null)[], journey: [] as (string | null)[] };
  const severities: string[] = [];
  const statuses: string[] = [];
  items.forEach((row, index) => {
    rank.bytes.push(lines.add(isKept(row) ? (raw.get(row.from)?.item(row.index) as Buffer) : recordJson(row)));
    const columns = itemColumns(row);
    rank.key.push(columns.key);
    severities.push(severityDigit(columns.severity));
    rank.customers.push(columns.customers);
    rank.tickets.push(columns.tickets);
    if (columns.refs.length > 0) rank.refs[index] = columns.refs;
    list.id.push(columns.id);
    list.source.push(columns.fields.source);
    list.title.push(columns.fields.title);
    statuses.push(statusDigit(columns.fields.status));
    list.labels.push(columns.fields.labels);
    list.url.push(columns.fields.url ?? null);
    list.journey.push(columns.fields.journey ?? null);
  });
  rank.severity = severities.join('');
  list.status = statuses.join('');

  const evidenceIndex = { id: [] as string[], keys: [] as (readonly string[])[], customer: [] as (string | null)[], bytes: [] as number[] };
  for (const row of evidence) {
    evidenceIndex.bytes.push(lines.add(isKept(row) ? (raw.get(row.from)?.evidence(row.index) as Buffer) : recordJson(row)));
    evidenceIndex.id.push(isKept(row) ? row.from.evidenceId(row.index) : row.id);
    evidenceIndex.keys.push(isKept(row) ? row.from.evidenceKeys(row.index) : row.itemKeys);
    evidenceIndex.customer.push((isKept(row) ? row.from.evidenceCustomer(row.index) : row.customer) ?? null);
  }

  const sections = [rank, list, evidenceIndex].map((columns) => Buffer.from(`${JSON.stringify(columns)}\n`));
  const meta: SnapshotMeta = {
    version: SNAPSHOT_VERSION,
    id: randomBytes(8).toString('hex'),
    tracker: header.tracker,
    ...(header.watermark !== undefined && { watermark: header.watermark }),
    etags: header.etags,
    syncedAt: header.syncedAt,
    items: items.length,
    evidence: evidence.length,
    sections: [sections[0]?.length ?? 0, sections[1]?.length ?? 0, sections[2]?.length ?? 0],
  };
  await writeFileAtomic(file, [Buffer.from(`${JSON.stringify(meta)}\n`), ...sections, ...lines.flush()]);
}
