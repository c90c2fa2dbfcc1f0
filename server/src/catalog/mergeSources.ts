import type { Evidence } from '../domain/evidence';
import type { FrictionItem } from '../domain/frictionItem';
import { catalogEntries } from './catalogEntry';
import { recordsInMemory } from './recordSource';

/** What one source contributes, in memory: its items and its evidence. */
export interface SourceRecords {
  readonly source: string;
  readonly items: readonly FrictionItem[];
  readonly evidence: readonly Evidence[];
}

/**
 * Merges whole records from several sources, in priority order, into one item per key (see
 * `catalogEntries` for the rules): for records already in memory, where nothing is gained by
 * keeping them lazy.
 */
export function mergeSources(sources: readonly SourceRecords[]): FrictionItem[] {
  return catalogEntries(sources.map((source) => recordsInMemory(source.source, source.items, source.evidence))).map((entry) => entry.item());
}
