import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { IndexStatusNotification } from '../../server/src/protocol';

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
}

/** Starts the built server over stdio, as any LSP editor would, and initializes it on `root`. */
export async function startLspSession(root: string, capabilities: ClientCapabilities = {}): Promise<LspSession> {
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const log: string[] = [];
  const diagnostics: LspSession['diagnostics'] = new Map();
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    log.push(params.message);
  });
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: { message: string; range: { start: { line: number } }; severity?: number }[] }) => {
    diagnostics.set(params.uri, params.diagnostics.map((d) => ({ message: d.message, line: d.range.start.line, severity: d.severity })));
  });
  const ready = new Promise<IndexStatusNotification.Params>((resolve) => {
    connection.onNotification(IndexStatusNotification.type, (status) => {
      if (status.state === 'ready') resolve(status);
    });
  });
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
    capabilities,
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    rootUri,
    log,
    ready,
    diagnostics,
    uri: (relativePath) => pathToFileURL(path.join(root, relativePath)).href,
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
    },
  };
}
