import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeLens,
  type ConfigurationItem,
  type DocumentLink,
  type FileChangeType,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { IndexStatusNotification, SyncStatusNotification, TrackerTokenRequest, type InitializationOptions } from '../../server/src/protocol';

/** The built server bundle, as `customer-lens-server` runs it. */
export const SERVER_BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface LspSession {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly rootUri: string;
  /** What the server wrote to the client's log (window/logMessage). */
  readonly log: string[];
  /** Resolves with the first status whose state is `ready`. */
  readonly ready: Promise<IndexStatusNotification.Params>;
  /** Diagnostics by URI, as last published. */
  readonly diagnostics: Map<string, { message: string; line: number; severity: number | undefined }[]>;
  uri(relativePath: string): string;
  close(): Promise<void>;

  // Additions for the LSP suite; everything above is the original API.

  /** The server's answer to `initialize`. */
  readonly initializeResult: InitializeResult;
  /** Every `customerLens/indexStatus` notification, in order. */
  readonly statuses: IndexStatusNotification.Params[];
  /** Every `customerLens/syncStatus` notification, in order. */
  readonly syncStatuses: SyncStatusNotification.Params[];
  /** `workspace/configuration` requests the server sent, item by item. */
  readonly configurationRequests: ConfigurationItem[];
  /** The workspace folder on disk. */
  readonly root: string;
  /** Whether the server process has exited (or was killed). */
  readonly exited: boolean;
  /** `textDocument/didOpen` with `text`, or the file's text on disk. */
  openDocument(relativePath: string, text?: string): Promise<void>;
  /** `textDocument/didChange` replacing the whole buffer (allowed under incremental sync). */
  changeDocument(relativePath: string, text: string): Promise<void>;
  /** `textDocument/didChange` with one incremental edit. */
  editDocument(relativePath: string, range: Range, text: string): Promise<void>;
  closeDocument(relativePath: string): Promise<void>;
  hover(relativePath: string, position: Position): Promise<Hover | null>;
  codeLens(relativePath: string): Promise<CodeLens[]>;
  documentLinks(relativePath: string): Promise<DocumentLink[]>;
  /** `workspace/didChangeWatchedFiles` for files of this folder. */
  watchedFilesChanged(...changes: [relativePath: string, type: FileChangeType][]): Promise<void>;
}

export interface LspSessionOptions {
  /**
   * Answers `workspace/configuration` items (with capabilities `{ workspace: { configuration: true } }`).
   * Read at request time, so a test may swap what it returns and send `workspace/didChangeConfiguration`.
   */
  configuration?: (item: ConfigurationItem) => unknown;
  /** Added to the server's environment, from which proxy and `CUSTOMER_LENS_*` variables of the test runner are removed. */
  env?: Record<string, string>;
  initializationOptions?: InitializationOptions;
  /** Answers the server's `customerLens/trackerToken` requests, as the extension does from SecretStorage. */
  trackerToken?: (params: TrackerTokenRequest.Params) => TrackerTokenRequest.Result;
}

const LANGUAGE_IDS: Record<string, string> = {
  '.ts': 'typescript',
  '.js': 'javascript',
  '.py': 'python',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.rs': 'rust',
  '.rb': 'ruby',
  '.sh': 'shellscript',
  '.sql': 'sql',
  '.html': 'html',
  '.md': 'markdown',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

export function languageIdOf(relativePath: string): string {
  return LANGUAGE_IDS[path.extname(relativePath).toLowerCase()] ?? 'plaintext';
}

/**
 * Polls `probe` until it returns something truthy, or throws after `timeoutMs` with the last
 * value seen, so a failing wait says what the server answered instead.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, options: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 2000);
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
  throw new Error(`Timed out after ${options.timeoutMs ?? 2000} ms waiting for ${options.what ?? 'a condition'} (last value: ${JSON.stringify(last)})`);
}

/** Starts the built server over stdio, as any LSP editor would, and initializes it on `root`. */
export async function startLspSession(root: string, capabilities: ClientCapabilities = {}, options: LspSessionOptions = {}): Promise<LspSession> {
  // Loopback fakes must be reached directly, and only the test's own tokens may be in scope.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/proxy|^CUSTOMER_LENS_/i.test(name)));
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: 'pipe', env: { ...inherited, ...options.env } });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const log: string[] = [];
  const diagnostics: LspSession['diagnostics'] = new Map();
  const statuses: IndexStatusNotification.Params[] = [];
  const configurationRequests: ConfigurationItem[] = [];
  const syncStatuses: SyncStatusNotification.Params[] = [];
  connection.onNotification(SyncStatusNotification.type, (status) => {
    syncStatuses.push(status);
  });
  const trackerToken = options.trackerToken;
  if (trackerToken) connection.onRequest(TrackerTokenRequest.type, (params) => trackerToken(params));
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    log.push(params.message);
  });
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: { message: string; range: { start: { line: number } }; severity?: number }[] }) => {
    diagnostics.set(params.uri, params.diagnostics.map((d) => ({ message: d.message, line: d.range.start.line, severity: d.severity })));
  });
  connection.onRequest('workspace/configuration', (params: { items: ConfigurationItem[] }) => {
    configurationRequests.push(...params.items);
    return params.items.map((item) => (options.configuration ? options.configuration(item) : null));
  });
  // Dynamic registrations and refresh requests are acknowledged, as an editor would.
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  const ready = new Promise<IndexStatusNotification.Params>((resolve) => {
    connection.onNotification(IndexStatusNotification.type, (status) => {
      statuses.push(status);
      if (status.state === 'ready') resolve(status);
    });
  });
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
    capabilities,
    ...(options.initializationOptions && { initializationOptions: options.initializationOptions }),
  });
  await connection.sendNotification('initialized', {});
  const uri = (relativePath: string) => pathToFileURL(path.join(root, relativePath)).href;
  const versions = new Map<string, number>();
  const nextVersion = (relativePath: string) => {
    const version = (versions.get(relativePath) ?? 0) + 1;
    versions.set(relativePath, version);
    return version;
  };
  return {
    connection,
    process: child,
    rootUri,
    log,
    ready,
    diagnostics,
    uri,
    initializeResult,
    statuses,
    syncStatuses,
    configurationRequests,
    root,
    get exited() {
      return exited || child.exitCode !== null || child.signalCode !== null;
    },
    openDocument: (relativePath, text) =>
      connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri(relativePath), languageId: languageIdOf(relativePath), version: nextVersion(relativePath), text: text ?? readFileSync(path.join(root, relativePath), 'utf8') },
      }),
    changeDocument: (relativePath, text) =>
      connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(relativePath), version: nextVersion(relativePath) }, contentChanges: [{ text }] }),
    editDocument: (relativePath, range, text) =>
      connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(relativePath), version: nextVersion(relativePath) }, contentChanges: [{ range, text }] }),
    closeDocument: (relativePath) => connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(relativePath) } }),
    hover: (relativePath, position) => connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uri(relativePath) }, position }),
    codeLens: async (relativePath) => (await connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri: uri(relativePath) } })) ?? [],
    documentLinks: async (relativePath) => (await connection.sendRequest<DocumentLink[] | null>('textDocument/documentLink', { textDocument: { uri: uri(relativePath) } })) ?? [],
    watchedFilesChanged: (...changes) =>
      connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([relativePath, type]) => ({ uri: uri(relativePath), type })) }),
    close: async () => {
      const exitedPromise = new Promise<void>((resolve) => {
        if (exited) resolve();
        else child.once('exit', () => resolve());
      });
      try {
        await Promise.race([
          (async () => {
            await connection.sendRequest('shutdown');
            await connection.sendNotification('exit');
          })(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('shutdown timed out')), 2000)),
        ]);
      } catch {
        child.kill();
      }
      await Promise.race([exitedPromise, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      connection.dispose();
    },
  };
}
