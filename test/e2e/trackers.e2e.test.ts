import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';
import type { Locator, Page } from 'playwright-core';
import type { LoggedRequest } from '../fakes/fakeServer';
import { FAKE_EMAIL, FAKE_TOKEN, JiraFake, jiraFaults } from '../fakes/jira/jiraFake';
import { CodeServer } from './codeServer';
import { Workbench } from './pages/workbench';
import { artifactFolder, e2e, saveArtifacts, VSIX } from './session';

const TRACKER = 'work-jira';
const JQL = 'project = PAY AND labels = customer-friction';
const SOURCE = 'src/refund.ts';
/** The seeded issue's title: only the fake knows it, so a hover showing it shows synced data. */
const TITLE = 'Refunds take three weeks to reach the card';
const MYSELF = '/rest/api/3/myself';
const SEARCH = '/rest/api/3/search/jql';

/** `GET /rest/api/3/myself 200`: what a failed assertion should show of the fake's log. */
function describeRequests(requests: readonly LoggedRequest[]): string[] {
  return requests.map((request) => `${request.method} ${request.path} ${request.status ?? '-'}`);
}

/** Jira Cloud's Basic credential for the configured e-mail and a token. */
function basic(token: string): string {
  return `Basic ${Buffer.from(`${FAKE_EMAIL}:${token}`).toString('base64')}`;
}

/** `09:14`, as the sync status bar item writes a time of today (client/src/trackers/syncTime.ts). */
function clock(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * The tracker connect flow in a real VS Code: a workspace whose config names a Jira Cloud tracker
 * at the Jira fake, Connect Tracker… from the command palette (pick, token input box, one test
 * call), the sync status bar item, a hover that can only show the fake's data, Sync Now while the
 * fake fails, and a token kept in code-server's SecretStorage across a reload. The harness
 * disables workspace trust (codeServer.ts), so the workspace is trusted and trackers may be
 * contacted. A second code-server on its own workspace, in a second page of the shared browser.
 */
describe('e2e: connecting a Jira Cloud tracker (the Jira fake)', () => {
  let jira: JiraFake | undefined;
  let workspace: string | undefined;
  let server: CodeServer | undefined;
  let page: Page | undefined;
  let workbench: Workbench;
  let syncItem: Locator;
  /** The seeded issue the source file mentions in a comment. */
  let key: string;
  /** When the first good sync can have happened: the offline state names its time. */
  let syncedWithin: { from: number; to: number } | undefined;

  const fake = (): JiraFake => {
    assert.ok(jira, 'the Jira fake is running');
    return jira;
  };

  /** Connect Tracker… as a user runs it: the command palette, the tracker's row, the token. */
  const connect = async (token: string): Promise<void> => {
    await workbench.runCommand('Customer Lens: Connect Tracker…');
    const pick = await workbench.waitForQuickInput('Customer Lens: Connect Tracker');
    await pick.focusedRow.filter({ hasText: TRACKER }).waitFor();
    await workbench.page.keyboard.press('Enter');
    const box = await workbench.waitForQuickInput(`Connect ${TRACKER}`);
    assert.equal(await box.input.getAttribute('type'), 'password', 'the token is not shown as it is typed');
    // The prompt names the one origin the token will ever be sent to.
    const origin = fake().origin;
    assert.match(
      await box.message.innerText(),
      new RegExp(`^Token for jira at ${escapeRegExp(origin)}\\. It is stored in VS Code's secret storage and only ever sent to ${escapeRegExp(origin)}\\.`),
    );
    await box.input.fill(token);
    await workbench.page.keyboard.press('Enter');
  };

  before(async function (this: Context) {
    this.timeout(300_000);
    jira = await JiraFake.start({ flavour: 'cloud', issues: 30, email: FAKE_EMAIL });
    const [issue] = jira.select(JQL);
    assert.ok(issue, 'the fake has an issue the query selects');
    key = issue.key;
    jira.updateIssue(key, { summary: TITLE });

    workspace = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-trackers-'));
    mkdirSync(path.join(workspace, '.customer-lens'));
    mkdirSync(path.join(workspace, 'src'));
    writeFileSync(
      path.join(workspace, '.customer-lens', 'config.yaml'),
      `trackers:\n  - name: ${TRACKER}\n    type: jira\n    url: ${jira.site}\n    email: ${FAKE_EMAIL}\n    jql: "${JQL}"\n`,
    );
    writeFileSync(path.join(workspace, SOURCE), `// ${key}: refunds are slow\nexport function refund(): void {}\n`);

    server = await CodeServer.start({ workspace, vsix: VSIX, log: (line) => console.log(`    [e2e] ${line}`) });
    page = await e2e().browser.newPage({ viewport: { width: 1280, height: 800 } });
    workbench = new Workbench(page);
    await workbench.open(server.url);
    syncItem = workbench.statusBarEntry('customerLens.sync');
    await workbench.openFile(SOURCE);
  });

  afterEach(async function (this: Context) {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !page || !server) return;
    // Apart from the shared session's artifacts for the same test (setup.ts), which go to the full title's folder.
    const folder = artifactFolder(test.fullTitle(), 'tracker workspace');
    await saveArtifacts(folder, { page, server }, jira ? { 'jira-requests.log': `${describeRequests(jira.requests).join('\n')}\n` } : {});
    console.log(`    [e2e] failure artifacts: ${folder}`);
  });

  after(async function (this: Context) {
    this.timeout(60_000);
    await page?.close();
    await server?.stop();
    await jira?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('says the tracker is not connected before a token is given, and contacts nobody', async () => {
    // In Restricted Mode it would say "Trackers paused (Restricted Mode)": the workspace is trusted.
    assert.equal(await workbench.waitForStatusText(syncItem, /not connected/), `${TRACKER}: not connected`);
    assert.deepEqual(describeRequests(fake().requests), []);
  });

  it('refuses a wrong token with the tracker’s own answer and stores nothing', async () => {
    await connect('not-the-token');
    const message = `Customer Lens: could not connect ${TRACKER}: ${fake().origin}${MYSELF} rejected the token (401): Client must be authenticated to access this resource.`;
    const error = workbench.notification(`could not connect ${TRACKER}`);
    await error.waitFor();
    assert.equal(await error.innerText(), message);
    // One test call, with the token as typed; nothing else.
    assert.deepEqual(describeRequests(fake().requests), [`GET ${MYSELF} 401`]);
    assert.equal(fake().requests[0]?.headers.authorization, basic('not-the-token'));

    // Nothing was stored: Sync Now finds no token, so it sends nothing and the tracker stays not connected.
    await workbench.clearNotifications();
    await workbench.runCommand('Customer Lens: Sync Now');
    await workbench.statusBarItem(/Customer Lens: Synced 0 of 1 tracker/).waitFor();
    // The server reports a run's states before it answers Sync Now, so the item is up to date here.
    assert.equal((await syncItem.innerText()).trim(), `${TRACKER}: not connected`);
    assert.equal(fake().requests.length, 1);
  });

  it('connects with the right token after one test call, syncs, and hovers show the Jira issue', async () => {
    const before = fake().requests.length;
    const from = Date.now();
    await connect(FAKE_TOKEN);
    const success = workbench.notification(`${TRACKER} connected as`);
    await success.waitFor();
    assert.equal(await success.innerText(), `Customer Lens: ${TRACKER} connected as Dana Scully.`);

    assert.match(await workbench.waitForStatusText(syncItem, /^\s*synced/), /^synced (just now|\d+ min ago)$/);
    syncedWithin = { from, to: Date.now() };
    const requests = fake().requests.slice(before);
    // The test call first (the token as typed, for the configured e-mail), then the sync with the stored token.
    assert.equal(describeRequests(requests)[0], `GET ${MYSELF} 200`, describeRequests(requests).join('\n'));
    assert.equal(requests[0]?.headers.authorization, basic(FAKE_TOKEN));
    const searches = requests.filter((request) => request.path === SEARCH);
    assert.ok(searches.length > 0 && searches.every((request) => request.status === 200 && request.headers.authorization === basic(FAKE_TOKEN)), describeRequests(requests).join('\n'));
    assert.equal(requests.filter((request) => request.path === MYSELF).length, 1, 'one test call');

    const synced = fake().select(JQL).length;
    await workbench.statusBarItem(new RegExp(`^\\s*${synced} items$`)).waitFor();
    await workbench.clearNotifications();
    const hover = await workbench.hoverText(key, 1);
    assert.match(hover, new RegExp(`${key}\\b`));
    assert.match(hover, new RegExp(TITLE));
  });

  it('keeps the last good data while Jira fails: Sync Now leaves it offline, showing data from the last sync', async () => {
    assert.ok(syncedWithin, 'the tracker synced in the previous test');
    const before = fake().requests.length;
    fake().faults.always(jiraFaults.serverError(503));
    try {
      await workbench.runCommand('Customer Lens: Sync Now');
      // The engine retries a 503 with backoff (five attempts) before it gives up on the run.
      const text = await workbench.waitForStatusText(syncItem, /offline/, 30_000);
      const clocks = new Set([clock(syncedWithin.from), clock(syncedWithin.to)]);
      assert.ok(
        [...clocks].some((time) => text === `offline — showing data from ${time}`),
        `"${text}" names the last good sync (${[...clocks].join(' or ')})`,
      );
      const failed = fake().requests.slice(before);
      assert.ok(failed.length > 0 && failed.every((request) => request.status === 503), describeRequests(failed).join('\n'));

      const hover = await workbench.hoverText(key, 1);
      assert.match(hover, new RegExp(TITLE));
    } finally {
      fake().faults.clear();
    }
  });

  it('keeps the stored token when a wrong one is entered, and after a reload (code-server’s SecretStorage)', async () => {
    await connect('another-wrong-token');
    await workbench.notification(`could not connect ${TRACKER}`).waitFor();
    await workbench.clearNotifications();

    // Sync Now with Jira back: the stored token, not the wrong one, is what it sends.
    const before = fake().requests.length;
    await workbench.runCommand('Customer Lens: Sync Now');
    assert.match(await workbench.waitForStatusText(syncItem, /^\s*synced/, 30_000), /^synced/);
    const resumed = fake().requests.slice(before);
    assert.ok(resumed.length > 0 && resumed.every((request) => request.status === 200 && request.headers.authorization === basic(FAKE_TOKEN)), describeRequests(resumed).join('\n'));

    // A reload starts a new extension host and language server: the token comes from SecretStorage.
    const beforeReload = fake().requests.length;
    await workbench.page.reload();
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    assert.match(await workbench.waitForStatusText(syncItem, /^\s*synced/, 60_000), /^synced/);
    const afterReload = fake().requests.slice(beforeReload);
    assert.ok(afterReload.some((request) => request.path === SEARCH && request.headers.authorization === basic(FAKE_TOKEN)), describeRequests(afterReload).join('\n'));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
