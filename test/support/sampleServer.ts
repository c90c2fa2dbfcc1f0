import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { startLspSession, type LspSession, type LspSessionOptions } from './lspClient';
import { copySampleWorkspace, type WorkspaceCopy } from './lspWorkspace';

export interface SampleServer {
  /** The copy of the sample workspace of the current suite or test. */
  readonly workspace: WorkspaceCopy;
  /** The running server; only after `start` (or an automatic start). */
  readonly session: LspSession;
  /** Starts the server on the copy, by default waiting until the index is ready. */
  start(capabilities?: ClientCapabilities, options?: LspSessionOptions, waitReady?: boolean): Promise<LspSession>;
}

export interface AutoStart {
  /** Wait for the first `ready` status before the tests run (default true). */
  readonly waitReady?: boolean;
  /** Files to open with `didOpen` once ready. */
  readonly open?: Iterable<string>;
}

/**
 * Registers mocha hooks giving each suite (`'suite'`, for read-only tests) or each test
 * (`'test'`, for tests that change files) a fresh copy of the sample workspace, a server on it
 * unless `autoStart` is false, and a teardown that stops the server and deletes the copy.
 */
export function useSampleServer(scope: 'suite' | 'test', autoStart: AutoStart | false = {}): SampleServer {
  let workspace: WorkspaceCopy | undefined;
  let session: LspSession | undefined;
  const server: SampleServer = {
    get workspace() {
      if (!workspace) throw new Error('no workspace copy: used outside a test');
      return workspace;
    },
    get session() {
      if (!session) throw new Error('the server was not started');
      return session;
    },
    async start(capabilities = {}, options = {}, waitReady = true) {
      session = await startLspSession(server.workspace.root, capabilities, options);
      if (waitReady) await session.ready;
      return session;
    },
  };
  const setUp = async (): Promise<void> => {
    workspace = copySampleWorkspace();
    if (autoStart === false) return;
    const started = await server.start({}, {}, autoStart.waitReady ?? true);
    for (const file of new Set(autoStart.open ?? [])) await started.openDocument(file);
  };
  const tearDown = async (): Promise<void> => {
    await session?.close();
    session = undefined;
    workspace?.remove();
    workspace = undefined;
  };
  if (scope === 'suite') {
    before(setUp);
    after(tearDown);
  } else {
    beforeEach(setUp);
    afterEach(tearDown);
  }
  return server;
}
