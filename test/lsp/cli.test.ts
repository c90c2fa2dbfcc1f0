import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { GithubFake } from '../fakes/github/githubFake';
import { FAKE_EMAIL, FAKE_TOKEN as JIRA_TOKEN, JiraFake } from '../fakes/jira/jiraFake';

const CLI_BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const JQL = 'project = PAY AND labels = customer-friction';

const FRICTION = `items:
  - key: PAY-9001
    title: Local only item
    severity: critical
    status: open
    customers: 5000
  - key: LOC-1
    title: Another local item
    severity: low
    status: open
    customers: 1
`;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface ListedItem {
  readonly key: string;
  readonly title: string;
  readonly status: string;
  readonly quotes: readonly { readonly text: string }[];
  readonly codeRefs: readonly string[];
}

/** `--json` output: it must stay valid JSON whatever the exit status. */
const listed = (run: Run): ListedItem[] => JSON.parse(run.stdout) as ListedItem[];
const keysOf = (run: Run): string[] => listed(run).map((item) => item.key);

/** A failed run says why in exactly one line on stderr: that line, without the prefix. */
function reasonOf(run: Run): string {
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0] ?? '', /^customer-lens: /);
  return (lines[0] ?? '').slice('customer-lens: '.length);
}

/** The built CLI as a real process; proxies are cleared so loopback requests go straight to the fakes. */
function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/proxy|^CUSTOMER_LENS_/i.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('customer-lens CLI (dist/cli.js against the Jira and GitHub fakes)', function () {
  this.timeout(30_000);
  let jira: JiraFake;
  let github: GithubFake;
  let root: string;
  let cache: string;

  const workspace = (config: string | undefined, friction = FRICTION): void => {
    mkdirSync(path.join(root, '.customer-lens'), { recursive: true });
    writeFileSync(path.join(root, '.customer-lens', 'friction.yaml'), friction);
    if (config !== undefined) writeFileSync(path.join(root, '.customer-lens', 'config.yaml'), config);
  };
  const trackersConfig = () => `trackers:
  - name: work-jira
    type: jira
    url: ${jira.site}
    email: ${FAKE_EMAIL}
    jql: "${JQL}"
  - name: gh
    type: github
    url: ${github.apiBase}
    repos: [acme/payments]
    labels: [customer-friction]
`;
  const tokens = () => ({ CUSTOMER_LENS_WORK_JIRA_TOKEN: JIRA_TOKEN, CUSTOMER_LENS_GH_TOKEN: github.token });
  const jiraKeys = () => jira.select(`(${JQL}) ORDER BY key ASC`).map((issue) => issue.key);
  const githubKeys = () => github.issues().filter((issue) => !issue.pullRequest && issue.repo === 'acme/payments' && issue.labels.includes('customer-friction')).map((issue) => `${issue.repo}#${issue.number}`);
  const items = (args: readonly string[] = [], env: Record<string, string> = tokens()) => cli(['items', '--root', root, '--cache', cache, ...args], env);
  const lastSync = async (tracker: string) => (await new SnapshotStore(cache).load(tracker))?.syncedAt;
  const NO_SYNC_YET = '(no good sync yet: none of its items shown)';
  const fromLastSync = (syncedAt: string | undefined) => `(data shown is from the last good sync at ${syncedAt ?? '?'})`;

  beforeEach(async () => {
    jira = await JiraFake.start({ flavour: 'cloud', issues: 20, email: FAKE_EMAIL });
    github = await GithubFake.start({ repos: ['acme/payments'], issuesPerRepo: 15, pullRequestsPerRepo: 2 });
    root = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-cli-'));
    cache = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-cli-cache-'));
  });
  afterEach(async () => {
    await Promise.all([jira.close(), github.close()]);
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('text output lists local and tracker items, ranked, one aligned line each', async () => {
    workspace(trackersConfig());
    const run = await items();
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trimEnd().split('\n');
    const keys = lines.map((line) => line.split(/\s{2,}/)[0]);
    assert.ok(jiraKeys().length > 0 && githubKeys().length > 0);
    for (const key of [...jiraKeys(), ...githubKeys(), 'PAY-9001', 'LOC-1']) assert.ok(keys.includes(key), `${key} listed`);
    assert.equal(lines.length, new Set(keys).size, 'one line per key');
    assert.match(lines[0] ?? '', /^PAY-9001\s+critical\s+open\s+5000 customers {2}Local only item$/);
    const severityColumn = lines.map((line) => line.indexOf(line.split(/\s{2,}/)[1] ?? ''));
    assert.equal(new Set(severityColumn).size, 1, 'columns are aligned');
    assert.ok(!run.stdout.includes(JIRA_TOKEN) && !run.stdout.includes(github.token));
  });

  it('--json is an array of every merged item; --source filters by name, type or local', async () => {
    workspace(trackersConfig());
    const all = await items(['--json']);
    assert.equal(all.code, 0, all.stderr);
    const parsed = JSON.parse(all.stdout) as { key: string; source: string }[];
    assert.equal(parsed.length, jiraKeys().length + githubKeys().length + 2);

    const onlyJira = JSON.parse((await items(['--json', '--source', 'work-jira'])).stdout) as { key: string; source: string }[];
    assert.deepEqual(onlyJira.map((item) => item.key).sort(), [...jiraKeys()].sort());
    const onlyGithub = JSON.parse((await items(['--json', '--source', 'github'])).stdout) as { key: string; source: string }[];
    assert.deepEqual(onlyGithub.map((item) => item.key).sort(), [...githubKeys()].sort());
    const before = jira.requests.length + github.requests.length;
    const onlyLocal = JSON.parse((await items(['--json', '--source', 'local'])).stdout) as { key: string; source: string }[];
    assert.deepEqual(onlyLocal.map((item) => item.key), ['PAY-9001', 'LOC-1']);
    assert.equal(jira.requests.length + github.requests.length, before, '--source local makes no request');

    const unknown = await items(['--source', 'zendesk']);
    assert.equal(unknown.code, 1);
  });

  it('wrong tokens on a first sync: the local items as JSON, exit 1, one line naming both trackers, no token anywhere', async () => {
    workspace(trackersConfig());
    const run = await items(['--json'], { CUSTOMER_LENS_WORK_JIRA_TOKEN: 'wrong-secret-token', CUSTOMER_LENS_GH_TOKEN: 'wrong-github-token' });
    assert.deepEqual(keysOf(run), ['PAY-9001', 'LOC-1']);
    const reason = reasonOf(run);
    assert.match(reason, /^work-jira: .*rejected the token \(401\).*; gh: .*rejected the token \(401\)/);
    assert.equal(reason.split(NO_SYNC_YET).length - 1, 2, 'says of each that it has no items to show');
    for (const secret of ['wrong-secret-token', 'wrong-github-token', JIRA_TOKEN, github.token]) assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret));
  });

  it('a tracker that echoes the token in its error body: redacted in the reason, on stdout nowhere', async () => {
    workspace(trackersConfig());
    jira.faults.always({ status: 401, body: { errorMessages: [`Token ${JIRA_TOKEN} was revoked`], errors: {} } });
    const run = await items();
    assert.match(reasonOf(run), /^work-jira: .*: Token \*\*\* was revoked /);
    assert.ok(jira.requests.length > 0 && jira.requests.every((request) => request.fault === 'reply 401'), 'the fake answered with the echo');
    assert.ok(!run.stderr.includes(JIRA_TOKEN) && !run.stdout.includes(JIRA_TOKEN));
  });

  it('a tracker failing after a good sync: its last good items with the others, exit 1, one line saying when they were synced', async () => {
    workspace(trackersConfig());
    const good = await items(['--json']);
    assert.equal(good.code, 0, good.stderr);
    const syncedAt = await lastSync('work-jira');
    assert.ok(syncedAt !== undefined);
    const renamed = jiraKeys()[0] ?? '';
    const oldTitle = listed(good).find((item) => item.key === renamed)?.title;
    jira.updateIssue(renamed, { summary: 'Renamed after the good sync' });
    jira.expireToken();
    const githubRequests = github.requests.length;

    const stale = await items(['--json']);
    assert.deepEqual(keysOf(stale), keysOf(good), 'every item, in the same order');
    assert.equal(listed(stale).find((item) => item.key === renamed)?.title, oldTitle, 'the Jira items are the last good snapshot');
    const reason = reasonOf(stale);
    assert.match(reason, /^work-jira: .*rejected the token \(401\)/);
    assert.ok(reason.endsWith(fromLastSync(syncedAt)), reason);
    assert.ok(github.requests.length > githubRequests, 'the other tracker still synced');
    assert.equal(await lastSync('work-jira'), syncedAt, 'a failed sync keeps the last good snapshot');
  });

  it('a missing token or one bound to another origin: the other tracker still lists, that one from its stored snapshot; exit 1, no request to it', async () => {
    workspace(trackersConfig());
    const missing = await items(['--json'], { CUSTOMER_LENS_GH_TOKEN: github.token });
    assert.deepEqual(keysOf(missing).sort(), [...githubKeys(), 'PAY-9001', 'LOC-1'].sort());
    assert.equal(reasonOf(missing), `work-jira: no token: set CUSTOMER_LENS_WORK_JIRA_TOKEN ${NO_SYNC_YET}`);
    assert.equal(jira.requests.length, 0);

    const good = await items(['--json']);
    assert.equal(good.code, 0, good.stderr);
    const syncedAt = await lastSync('work-jira');
    const jiraRequests = jira.requests.length;
    const bound = await items(['--json'], { ...tokens(), CUSTOMER_LENS_WORK_JIRA_ORIGIN: 'https://acme.atlassian.net' });
    assert.deepEqual(keysOf(bound), keysOf(good), "work-jira's items come from its stored snapshot");
    assert.match(reasonOf(bound), /^work-jira: token for work-jira is bound to https:\/\/acme\.atlassian\.net, config names http:\/\/127\.0\.0\.1:\d+: not sent \(/);
    assert.ok(reasonOf(bound).endsWith(fromLastSync(syncedAt)), bound.stderr);
    assert.ok(!bound.stderr.includes(JIRA_TOKEN));
    assert.equal(jira.requests.length, jiraRequests, 'no request to a tracker whose token is not approved for it');
  });

  it('a tracker whose snapshot cannot be saved: the others still list, exit 1, one line naming it', async () => {
    workspace(trackersConfig());
    // A folder where work-jira's snapshot goes: saving it fails, as on a broken disk.
    mkdirSync(new SnapshotStore(cache).fileOf('work-jira'), { recursive: true });
    const run = await items(['--json']);
    assert.deepEqual(keysOf(run).sort(), [...githubKeys(), 'PAY-9001', 'LOC-1'].sort());
    const reason = reasonOf(run);
    assert.match(reason, /^work-jira: could not save the snapshot: /);
    assert.ok(reason.endsWith(NO_SYNC_YET), reason);
  });

  it('warnings in the local files: one line each on stderr, exit status still 0', async () => {
    workspace(undefined, `${FRICTION}    owner: someone\n`);
    const run = await items(['--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(keysOf(run), ['PAY-9001', 'LOC-1']);
    assert.match(run.stderr, /^customer-lens: warning: \.customer-lens\/friction\.yaml:12: .*unknown field 'owner' is ignored\n$/);
  });

  it('a key both in the local files and in a tracker: the tracker gives title and status, the local file adds quotes and code', async () => {
    workspace(trackersConfig());
    const key = jiraKeys()[0] ?? '';
    const fromJira = listed(await items(['--json', '--source', 'work-jira'])).find((item) => item.key === key);
    assert.ok(fromJira);
    const localStatus = ['open', 'in-progress', 'resolved'].find((status) => status !== fromJira.status) ?? '';
    workspace(trackersConfig(), `${FRICTION}  - key: ${key}\n    title: The local title\n    status: ${localStatus}\n    quotes: ["Said in a local interview"]\n    code: [src/pay.ts]\n`);
    const run = await items(['--json']);
    assert.equal(run.code, 0, run.stderr);
    const merged = listed(run).filter((item) => item.key === key);
    assert.equal(merged.length, 1, 'one item per key');
    assert.equal(merged[0]?.title, fromJira.title);
    assert.equal(merged[0]?.status, fromJira.status);
    assert.ok(merged[0]?.quotes.some((quote) => quote.text === 'Said in a local interview'));
    assert.ok(merged[0]?.codeRefs.includes('src/pay.ts'));
  });

  it('no config: local items only, and no request to any fake', async () => {
    workspace(undefined);
    const run = await items(['--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { key: string }[]).map((item) => item.key), ['PAY-9001', 'LOC-1']);
    assert.equal(jira.requests.length + github.requests.length, 0);
  });

  it('--help exits 0; a bad flag or command exits 2 with a short usage', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: customer-lens items/);
    for (const args of [['items', '--bogus'], ['frobnicate'], []]) {
      const bad = await cli(args);
      assert.equal(bad.code, 2, args.join(' '));
      assert.match(bad.stderr, /Usage: customer-lens items/);
      assert.equal(bad.stdout, '');
    }
  });
});
