import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CheckTrackerRequest,
  ListItemsRequest,
  ListTrackersRequest,
  SyncNowRequest,
  WorkspaceTrustedNotification,
  type InitializationOptions,
  type TrackerState,
  type TrackerStatus,
  type TrackerTokenRequest,
} from '../../server/src/protocol';
import { snapshotFolder } from '../../server/src/sync/snapshotFolder';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { JiraFake, FAKE_EMAIL, FAKE_TOKEN as JIRA_TOKEN, jiraFaults } from '../fakes/jira/jiraFake';
import { startLspSession, waitFor, type LspSession } from '../support/lspClient';
import { markdownOf, plainText } from '../support/lspHover';

const JQL = 'project = PAY AND labels = customer-friction';
const SOURCE = 'src/refund.ts';
const TOKEN_VARIABLE = 'CUSTOMER_LENS_WORK_JIRA_TOKEN';

/**
 * The language server with a Jira tracker: the built server over stdio against the stateful
 * Jira fake, snapshots on disk in a temp folder, tokens from the environment (standalone) or
 * from the client (the extension's SecretStorage).
 */
describe('LSP: trackers (dist/server.js against the Jira fake)', function () {
  this.timeout(60_000);
  let jira: JiraFake;
  let root: string;
  let storage: string;
  let sessions: LspSession[];
  /** A Jira issue the query selects, linked from a comment in SOURCE. */
  let linked: { key: string; summary: string };
  /** A key both the local files and Jira have. */
  let shared: { key: string; summary: string };

  const writeWorkspace = (site: string): void => {
    mkdirSync(path.join(root, '.customer-lens'), { recursive: true });
    mkdirSync(path.join(root, 'src'), { recursive: true });
    writeFileSync(
      path.join(root, '.customer-lens', 'config.yaml'),
      `trackers:\n  - name: work-jira\n    type: jira\n    url: ${site}\n    email: ${FAKE_EMAIL}\n    jql: "${JQL}"\n`,
    );
    writeFileSync(
      path.join(root, '.customer-lens', 'friction.yaml'),
      `items:\n  - key: ${shared.key}\n    title: A stale local copy\n    severity: low\n    status: open\n    quotes:\n      - text: "Told in a local file only."\n`,
    );
    writeFileSync(path.join(root, SOURCE), `// ${linked.key}: refunds are slow\nexport function refund(): void {}\n// ${shared.key}\nexport function retry(): void {}\n`);
  };

  const start = async (options: { env?: Record<string, string>; init?: InitializationOptions; token?: (params: TrackerTokenRequest.Params) => TrackerTokenRequest.Result } = {}): Promise<LspSession> => {
    const session = await startLspSession(root, { workspace: { configuration: true } }, {
      env: { XDG_CACHE_HOME: storage, ...options.env },
      ...(options.init && { initializationOptions: options.init }),
      ...(options.token && { trackerToken: options.token }),
      configuration: () => null,
    });
    sessions.push(session);
    await session.openDocument(SOURCE);
    return session;
  };
  const withToken = (): Record<string, string> => ({ [TOKEN_VARIABLE]: JIRA_TOKEN });

  const trackerState = (session: LspSession): TrackerStatus | undefined => session.syncStatuses.at(-1)?.trackers[0];
  const reaches = (session: LspSession, state: TrackerState, timeoutMs = 15_000): Promise<TrackerStatus> =>
    waitFor(() => (trackerState(session)?.state === state ? trackerState(session) : undefined), { timeoutMs, what: `tracker state ${state}` });
  /** The hover on the key in a comment line of SOURCE; empty while nothing is linked there yet. */
  const hoverText = async (session: LspSession, line: number): Promise<string> => {
    const hover = await session.hover(SOURCE, { line, character: 5 });
    return hover ? plainText(markdownOf(hover)) : '';
  };

  beforeEach(async () => {
    jira = await JiraFake.start({ flavour: 'cloud', issues: 30, email: FAKE_EMAIL });
    const selected = jira.select(JQL);
    assert.ok(selected.length >= 2, 'the fake has issues the query selects');
    linked = selected[0] as { key: string; summary: string };
    shared = selected[1] as { key: string; summary: string };
    root = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-lsp-trackers-'));
    storage = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-lsp-storage-'));
    sessions = [];
    writeWorkspace(jira.site);
  });
  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await jira.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  it('syncs at start-up: Jira items answer hovers and lists; the tracker is the source of truth, local files add quotes', async () => {
    const session = await start({ env: withToken() });
    const status = await reaches(session, 'synced');
    assert.equal(status.records, jira.select(JQL).length);
    assert.equal(status.origin, jira.origin);
    assert.ok(status.syncedAt, 'the time of the good sync');

    const first = await waitFor(async () => {
      const text = await hoverText(session, 0);
      return text.includes(linked.summary) ? text : undefined;
    }, { what: 'a hover with the Jira summary' });
    assert.ok(first.includes(linked.key), first);
    const merged = await hoverText(session, 2);
    assert.ok(merged.includes(shared.summary) && !merged.includes('A stale local copy'), merged);
    assert.ok(merged.includes('Told in a local file only.'), merged);

    const items = await session.connection.sendRequest(ListItemsRequest.type, {});
    assert.deepEqual(items.map((item) => item.key).sort(), jira.select(JQL).map((issue) => issue.key).sort());
    const line = session.log.find((message) => message.startsWith('work-jira (jira, '));
    assert.match(line ?? '', /synced \d+ changed records in \d+ pages, [\d.]+ s \(full\); \d+ records in total/);
    assert.ok(!session.log.join('\n').includes(JIRA_TOKEN), 'the token is never logged');
  });

  it('a restart answers hovers from the snapshot before any request, and keeps it while Jira fails', async () => {
    const first = await start({ env: withToken() });
    const synced = await reaches(first, 'synced');
    await first.close();

    jira.faults.always(jiraFaults.serverError(503));
    jira.requests.length = 0;
    const second = await start({ env: withToken() });
    // The hover is answered from the disk: the fake has answered nothing but 503s.
    const text = await waitFor(async () => {
      const hover = await hoverText(second, 0);
      return hover.includes(linked.summary) ? hover : undefined;
    }, { what: 'a hover from the snapshot' });
    assert.ok(text.includes(linked.key));
    const offline = await reaches(second, 'offline', 30_000);
    assert.equal(offline.syncedAt, synced.syncedAt, 'the data shown is the last good sync');
    assert.equal(offline.records, synced.records);
    assert.match(offline.message ?? '', /503|Service Unavailable/);
    assert.ok(await hoverText(second, 0).then((hover) => hover.includes(linked.summary)), 'still served after the failure');
    assert.ok(second.log.some((message) => /work-jira: sync failed .*showing data from /.test(message)), second.log.join('\n'));
    assert.ok(!second.exited);
  });

  it('a rejected token keeps the last good data and says to reconnect', async () => {
    const first = await start({ env: withToken() });
    await reaches(first, 'synced');
    await first.close();
    const second = await start({ env: { [TOKEN_VARIABLE]: 'expired-token' } });
    const status = await reaches(second, 'auth-failed');
    assert.match(status.message ?? '', /^token rejected — reconnect/);
    assert.equal(status.records, jira.select(JQL).length);
    assert.ok((await hoverText(second, 0)).includes(linked.summary));
    assert.ok(!second.log.join('\n').includes('expired-token'));
  });

  it('Sync Now fetches only what changed since the last run', async () => {
    const session = await start({ env: withToken() });
    await reaches(session, 'synced');
    const before = jira.searches().length;
    jira.updateIssue(linked.key, { summary: 'Refunds now take three weeks' });
    const statuses = await session.connection.sendRequest(SyncNowRequest.type, {});
    assert.equal(statuses[0]?.state, 'synced');
    const searches = jira.searches().slice(before);
    assert.equal(searches.length, 1, 'one page of changes');
    assert.match(searches[0]?.query.get('jql') ?? '', /updated >= /);
    const text = await waitFor(async () => {
      const hover = await hoverText(session, 0);
      return hover.includes('Refunds now take three weeks') ? hover : undefined;
    }, { what: 'the changed summary in the hover' });
    assert.ok(text.includes(linked.key));
  });

  it('a Sync Now that changes nothing notes its time without rewriting the snapshot, and hovers go on', async () => {
    const session = await start({ env: withToken() });
    const first = await reaches(session, 'synced');
    const store = new SnapshotStore(snapshotFolder(root, undefined, { XDG_CACHE_HOME: storage }));
    const written = statSync(store.fileOf('work-jira'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const statuses = await session.connection.sendRequest(SyncNowRequest.type, {});
    assert.equal(statuses[0]?.state, 'synced');
    assert.ok((statuses[0]?.syncedAt ?? '') > (first.syncedAt ?? ''), 'the status tells the newer time');
    assert.equal(statuses[0]?.records, first.records);
    const after = statSync(store.fileOf('work-jira'));
    assert.deepEqual([after.ino, after.mtimeMs], [written.ino, written.mtimeMs], 'the snapshot file is untouched');
    assert.ok(existsSync(store.noteOf('work-jira')), 'the time is noted beside it');
    assert.ok((await hoverText(session, 0)).includes(linked.summary));
  });

  it('in Restricted Mode no request is made, not even for a token, until the workspace is trusted', async () => {
    const asked: TrackerTokenRequest.Params[] = [];
    const session = await start({
      init: { workspaceTrusted: false, tokensFromClient: true, storagePath: storage },
      token: (params) => {
        asked.push(params);
        return { token: JIRA_TOKEN };
      },
    });
    await session.ready;
    const status = await reaches(session, 'untrusted');
    assert.equal(status.origin, jira.origin);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(jira.requests.length, 0);
    assert.deepEqual(asked, []);

    await session.connection.sendNotification(WorkspaceTrustedNotification.type, {});
    await reaches(session, 'synced');
    assert.deepEqual(asked, [{ name: 'work-jira', type: 'jira', origin: jira.origin }]);
  });

  it('a client token bound to another origin is never sent: not connected, no request', async () => {
    const session = await start({
      init: { workspaceTrusted: true, tokensFromClient: true, storagePath: storage },
      token: () => ({ boundOrigin: 'https://acme.atlassian.net' }),
    });
    const status = await reaches(session, 'not-connected');
    assert.equal(status.message, `token for work-jira is bound to https://acme.atlassian.net, config names ${jira.origin}: not sent`);
    assert.equal(jira.requests.length, 0);
    const listed = await session.connection.sendRequest(ListTrackersRequest.type, {});
    assert.deepEqual(listed.map((tracker) => [tracker.name, tracker.state]), [['work-jira', 'not-connected']]);
  });

  it('Connect Tracker’s test call: the account for a good token, the exact failure for a bad one', async () => {
    const session = await start({ init: { workspaceTrusted: true, tokensFromClient: true, storagePath: storage }, token: () => ({}) });
    await reaches(session, 'not-connected');
    const good = await session.connection.sendRequest(CheckTrackerRequest.type, { folderUri: session.rootUri, name: 'work-jira', token: JIRA_TOKEN });
    assert.deepEqual(good, { ok: true, account: 'connected as Dana Scully' });
    const bad = await session.connection.sendRequest(CheckTrackerRequest.type, { folderUri: session.rootUri, name: 'work-jira', token: 'not-the-token' });
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.message, /401/);
    const unknown = await session.connection.sendRequest(CheckTrackerRequest.type, { folderUri: session.rootUri, name: 'nope', token: JIRA_TOKEN });
    assert.deepEqual(unknown, { ok: false, message: "no tracker named 'nope' in .customer-lens/config.yaml" });
    assert.ok(!session.log.join('\n').includes('not-the-token'));
  });
});
