import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { SERVER_BUNDLE } from '../support/lspClient';
import { useSampleServer } from '../support/sampleServer';

describe('LSP: initialize and index status', () => {
  // The tests see the index reach `ready`, so the suite does not wait for it.
  const server = useSampleServer('suite', { waitReady: false });

  it('advertises hover, CodeLens and document links, with incremental sync', () => {
    const { capabilities } = server.session.initializeResult;
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.codeLensProvider, 'codeLensProvider');
    assert.ok(capabilities.documentLinkProvider, 'documentLinkProvider');
    assert.equal(capabilities.textDocumentSync, 2 /* TextDocumentSyncKind.Incremental */);
  });

  it('names itself in serverInfo', () => {
    assert.equal(server.session.initializeResult.serverInfo?.name, 'customer-lens-server');
    assert.match(server.session.initializeResult.serverInfo?.version ?? '', /\S/);
  });

  it('reports ready with the 20 items of friction.yaml and the scanned files', async () => {
    const status = await server.session.ready;
    assert.equal(status.state, 'ready');
    assert.equal(status.folders, 1);
    assert.equal(status.items, 20);
    assert.ok(status.files > 0, `files: ${status.files}`);
    assert.ok(status.links > 0, `links: ${status.links}`);
    // Every file of the fixture except build/ (gitignored) and node_modules/ (always skipped).
    const all = readdirSync(server.workspace.root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    const skipped = all.filter((entry) => /(^|[\\/])(build|node_modules)([\\/]|$)/.test(path.relative(server.workspace.root, entry.parentPath)));
    assert.equal(skipped.length, 3);
    assert.equal(status.files, all.length - skipped.length);
  });

  it('logs what it indexed', async () => {
    await server.session.ready;
    assert.ok(server.session.log.some((line) => line.startsWith(`Indexed ${server.workspace.root}`) && line.includes('20 items')), server.session.log.join('\n'));
  });
});

describe('Standalone customer-lens-server', () => {
  it('prints usage and exits 0 with --help', () => {
    const result = spawnSync(process.execPath, [SERVER_BUNDLE, '--help'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Usage: customer-lens-server --stdio/);
  });

  it('prints usage and exits non-zero without a transport argument', () => {
    const result = spawnSync(process.execPath, [SERVER_BUNDLE], { encoding: 'utf8', timeout: 10_000 });
    assert.notEqual(result.status, 0);
    assert.equal(result.signal, null, 'it must exit by itself, not wait for input');
    assert.match(`${result.stdout}${result.stderr}`, /Usage: customer-lens-server/);
  });
});
