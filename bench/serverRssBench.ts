import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, InitializeRequest, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { IndexStatusNotification } from '../server/src/protocol';
import { rssMbOf } from './stats';

export interface ServerRssResult {
  readonly readyMs: number;
  readonly rssMb: number;
  readonly items: number;
  readonly files: number;
}

const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

/** Starts the built server over stdio on the folder and reads its resident memory once it is ready. */
export async function runServerRssBench(root: string): Promise<ServerRssResult> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  try {
    const ready = new Promise<IndexStatusNotification.Params>((resolve) => {
      connection.onNotification(IndexStatusNotification.type, (status) => {
        if (status.state === 'ready') resolve(status);
      });
    });
    connection.listen();
    const rootUri = pathToFileURL(root).href;
    const started = performance.now();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {} });
    await connection.sendNotification('initialized', {});
    const status = await ready;
    const readyMs = performance.now() - started;
    // Let the allocator settle as it would between requests.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { readyMs, rssMb: rssMbOf(child.pid), items: status.items, files: status.files };
  } finally {
    connection.dispose();
    child.kill();
  }
}
