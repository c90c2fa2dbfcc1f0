import path from 'node:path';
import type { FrictionItem } from '../domain/frictionItem';
import type { TouchpointInsight } from '../domain/touchpoint';
import type { z } from 'zod';
import { parseEntry, topLevelList, type ObjectSchema } from './entryParser';
import type { ConfigProblem } from './problems';
import {
  configSchema,
  frictionEntrySchema,
  linkEntrySchema,
  LOCAL_FILES,
  LOCAL_FOLDER,
  touchpointEntrySchema,
  type ConfigEntry,
  type FrictionEntry,
} from './schemas';
import { errorMessage, parseYamlFile, type YamlFile } from './yamlFile';
import { checkTrackerEntries } from '../trackers/trackerConfig';

/** One entry of `links.yaml`, with where it was written so problems can point at it. */
export interface MappingRule {
  readonly itemKey: string;
  readonly glob: string;
  readonly symbol?: string;
  readonly file: string;
  readonly line: number;
}

export interface LocalConfig {
  readonly repository?: string;
  readonly keyPrefixes: readonly string[];
  readonly trackers: ConfigEntry['trackers'];
}

export interface LocalData {
  readonly items: readonly FrictionItem[];
  readonly touchpoints: readonly TouchpointInsight[];
  readonly mappings: readonly MappingRule[];
  readonly config: LocalConfig;
  readonly problems: readonly ConfigProblem[];
  /** Line of each item's entry in friction.yaml, for diagnostics that concern an item. */
  readonly itemLines: ReadonlyMap<string, number>;
}

/** Reads a file's text, preferring an editor's unsaved buffer; `undefined` when it does not exist. */
export type TextReader = (filePath: string) => Promise<string | undefined>;

export function localFilePath(root: string, name: string): string {
  return path.join(root, LOCAL_FOLDER, name);
}

/** Loads `.customer-lens/` of one workspace folder. Never throws: every failure becomes a problem. */
export async function loadLocalData(root: string, read: TextReader): Promise<LocalData> {
  const problems: ConfigProblem[] = [];
  const load = async (name: string): Promise<YamlFile | undefined> => {
    const filePath = localFilePath(root, name);
    let text: string | undefined;
    try {
      text = await read(filePath);
    } catch (error) {
      problems.push({ file: filePath, line: 0, character: 0, severity: 'error', message: `cannot read: ${errorMessage(error)}` });
      return undefined;
    }
    if (text === undefined) return undefined;
    const file = parseYamlFile(filePath, text);
    problems.push(...file.syntaxProblems);
    return file;
  };
  const [frictionFile, touchpointFile, linksFile, configFile] = await Promise.all([
    load(LOCAL_FILES.friction.file),
    load(LOCAL_FILES.touchpoints.file),
    load(LOCAL_FILES.links.file),
    load(LOCAL_FILES.config.file),
  ]);
  const { items, itemLines } = frictionFile ? readItems(frictionFile, problems) : { items: [], itemLines: new Map<string, number>() };
  return {
    items,
    itemLines,
    touchpoints: touchpointFile ? readTouchpoints(touchpointFile, problems) : [],
    mappings: linksFile ? readMappings(linksFile, problems) : [],
    config: configFile ? readConfig(configFile, problems) : { keyPrefixes: [], trackers: [] },
    problems,
  };
}

/**
 * The entries of a list whose entries have a unique id field: each one validated on its own,
 * and a repeated id reported on the repeat, which is ignored. Returns each kept entry's line.
 */
function readUniqueEntries<S extends ObjectSchema>(
  file: YamlFile,
  listKey: string,
  schema: S,
  idField: 'key' | 'id',
  noun: string,
  problems: ConfigProblem[],
): { entries: z.infer<S>[]; lines: Map<string, number> } {
  const entries: z.infer<S>[] = [];
  const lines = new Map<string, number>();
  topLevelList(file, listKey, problems).forEach((raw, index) => {
    const where = [listKey, index];
    const entry = parseEntry(file, where, raw, schema, `${noun} ${index + 1}`, problems);
    if (!entry) return;
    const id = String(entry[idField]);
    const firstLine = lines.get(id);
    if (firstLine !== undefined) {
      problems.push(file.problemAt([...where, idField], 'error', `duplicate ${idField} '${id}' (first defined on line ${firstLine + 1}); this entry is ignored`));
      return;
    }
    lines.set(id, file.positionOf(where).line);
    entries.push(entry);
  });
  return { entries, lines };
}

function readItems(file: YamlFile, problems: ConfigProblem[]): { items: FrictionItem[]; itemLines: Map<string, number> } {
  const { entries, lines } = readUniqueEntries(file, LOCAL_FILES.friction.list, frictionEntrySchema, 'key', 'item', problems);
  return { items: entries.map((entry) => toFrictionItem(entry)), itemLines: lines };
}

function toFrictionItem(entry: FrictionEntry): FrictionItem {
  return {
    id: `local:${entry.key}`,
    source: 'local',
    key: entry.key,
    title: entry.title,
    summary: entry.summary,
    ...(entry.url !== undefined && { url: entry.url }),
    status: entry.status,
    rawStatus: entry.status,
    severity: entry.severity,
    impact: {
      customers: entry.customers,
      tickets: entry.tickets,
      votes: entry.votes,
      ...(entry.arr !== undefined && { arr: entry.arr }),
    },
    ...(entry.journey !== undefined && { journey: entry.journey }),
    labels: entry.labels,
    quotes: entry.quotes,
    codeRefs: entry.code,
    ...(entry.updated !== undefined && { updatedAt: entry.updated }),
  };
}

function readTouchpoints(file: YamlFile, problems: ConfigProblem[]): TouchpointInsight[] {
  const { entries } = readUniqueEntries(file, LOCAL_FILES.touchpoints.list, touchpointEntrySchema, 'id', 'touchpoint', problems);
  return entries.map((entry) => {
    return {
      id: entry.id,
      format: entry.format,
      date: entry.date,
      engineer: entry.engineer,
      ...(entry.customer !== undefined && { customer: entry.customer }),
      summary: entry.summary,
      quotes: entry.quotes,
      friction: entry.friction,
      ...(entry.code.length > 0 && { codeRefs: entry.code }),
    };
  });
}

function readMappings(file: YamlFile, problems: ConfigProblem[]): MappingRule[] {
  const rules: MappingRule[] = [];
  topLevelList(file, LOCAL_FILES.links.list, problems).forEach((raw, index) => {
    const where = [LOCAL_FILES.links.list, index];
    const entry = parseEntry(file, where, raw, linkEntrySchema, `link ${index + 1}`, problems);
    if (!entry) return;
    rules.push({
      itemKey: entry.item,
      glob: entry.path.replace(/^\.\//, ''),
      ...(entry.symbol !== undefined && { symbol: entry.symbol }),
      file: file.path,
      line: file.positionOf(where).line,
    });
  });
  return rules;
}

function readConfig(file: YamlFile, problems: ConfigProblem[]): LocalConfig {
  const empty: LocalConfig = { keyPrefixes: [], trackers: [] };
  if (file.value === null || file.value === undefined) return empty;
  const entry = parseEntry(file, [], file.value, configSchema, 'config', problems);
  if (!entry) return empty;
  // The sync skips these entries too; here they get a line, so the editor can point at them.
  checkTrackerEntries(entry.trackers).forEach((checked, index) => {
    if ('problem' in checked) problems.push(file.problemAt(['trackers', index, ...checked.path], 'error', `tracker ${checked.tracker}: ${checked.problem}`));
  });
  return {
    ...(entry.repository !== undefined && { repository: entry.repository }),
    keyPrefixes: entry.keyPrefixes,
    trackers: entry.trackers,
  };
}
