import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, InitializeRequest, StreamMessageReader, StreamMessageWriter, type Hover } from 'vscode-languageserver-protocol/node';
import { SEVERITIES, type FrictionItem } from '../server/src/domain/frictionItem';
import { ListItemsRequest, type InitializationOptions } from '../server/src/protocol';
import { snapshotFolder } from '../server/src/sync/snapshotFolder';
import { SnapshotStore } from '../server/src/trackers/snapshotStore';
import { rssMbOf } from './stats';

export interface ColdStartResult {
  readonly items: number;
  readonly snapshotMb: number;
  /** From spawning the server to the first hover that shows a tracker item. */
  readonly firstHoverMs: number;
  readonly rssMb: number;
  /** Then the Friction view's list of every item (its fields read from the snapshot's list index the first time). */
  readonly firstListMs: number;
  readonly secondListMs: number;
  readonly listed: number;
  /** The list answer's size as JSON. */
  readonly listMb: number;
  /** After listing. */
  readonly listedRssMb: number;
}

const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');
const WORDS = ['refund', 'checkout', 'card', 'timeout', 'invoice', 'customers', 'waiting', 'charged', 'twice', 'export', 'slow', 'login', 'mobile', 'dashboard'];

function trackerItem(index: number): FrictionItem {
  const words = (count: number) => Array.from({ length: count }, (_, offset) => WORDS[(index * 7 + offset * 3) % WORDS.length]).join(' ');
  const key = `PAY-${index + 1}`;
  return {
    id: `jira:${10_000 + index}`,
    source: 'jira',
    key,
    title: `${words(6)} (${key})`,
    summary: `${words(30)}.`,
    url: `https://acme.atlassian.net/browse/${key}`,
    status: index % 3 === 0 ? 'resolved' : 'open',
    rawStatus: index % 3 === 0 ? 'Done' : 'To Do',
    severity: SEVERITIES[index % SEVERITIES.length] ?? 'low',
    impact: { customers: index % 500, tickets: index % 40, votes: index % 50 },
    labels: ['customer-friction', WORDS[index % WORDS.length] ?? 'refund'],
    quotes: index % 4 === 0 ? [{ text: `${words(12)}.`, customer: `Customer ${index % 900}` }] : [],
    codeRefs: [],
    updatedAt: new Date(Date.UTC(2026, 9, 1) + index * 60_000).toISOString(),
  };
}

/**
 * A cold start offline: a workspace whose config names a Jira tracker, the tracker's snapshot of
 * `items` on disk from an earlier session, and Restricted Mode so the server may not touch the
 * network. Measures spawn → the first hover that shows a tracker item, then the server's RSS.
 */
export async function runColdStartBench(items: number): Promise<ColdStartResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-cold-'));
  const storage = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-cold-storage-'));
  try {
    mkdirSync(path.join(root, '.customer-lens'));
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, '.customer-lens', 'config.yaml'), 'trackers:\n  - name: jira\n    type: jira\n    url: https://acme.atlassian.net\n    jql: project = PAY\n');
    const key = `PAY-${Math.ceil(items / 2)}`;
    const source = `// ${key}: refunds are slow\nexport function refund(): void {}\n`;
    writeFileSync(path.join(root, 'src', 'refund.ts'), source);
    const store = new SnapshotStore(snapshotFolder(root, storage, {}));
    mkdirSync(store.folder, { recursive: true });
    await store.save({ tracker: 'jira', items: Array.from({ length: items }, (_, index) => trackerItem(index)), evidence: [], etags: {}, syncedAt: new Date().toISOString() });
    const snapshotMb = statSync(store.fileOf('jira')).size / 1024 / 1024;

    const started = performance.now();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    try {
      connection.listen();
      const rootUri = pathToFileURL(root).href;
      const initializationOptions: InitializationOptions = { storagePath: storage, workspaceTrusted: false };
      await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'cold' }], capabilities: {}, initializationOptions });
      await connection.sendNotification('initialized', {});
      const uri = pathToFileURL(path.join(root, 'src', 'refund.ts')).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: source } });
      for (;;) {
        const hover = await connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
        if (hover && JSON.stringify(hover.contents).replace(/\\/g, '').includes(key)) break;
        if (performance.now() - started > 60_000) throw new Error('no hover from the snapshot within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const firstHoverMs = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rssMb = rssMbOf(child.pid);
      const list = async (): Promise<{ ms: number; count: number; mb: number }> => {
        const asked = performance.now();
        const listed = await connection.sendRequest(ListItemsRequest.type, {});
        const ms = performance.now() - asked;
        return { ms, count: listed.length, mb: Buffer.byteLength(JSON.stringify(listed)) / 1024 / 1024 };
      };
      const first = await list();
      const second = await list();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return { items, snapshotMb, firstHoverMs, rssMb, firstListMs: first.ms, secondListMs: second.ms, listed: first.count, listMb: first.mb, listedRssMb: rssMbOf(child.pid) };
    } finally {
      connection.dispose();
      child.kill();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  }
}
