import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  const workspace = (config: string | undefined): void => {
    mkdirSync(path.join(root, '.customer-lens'), { recursive: true });
    writeFileSync(path.join(root, '.customer-lens', 'friction.yaml'), FRICTION);
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

  it('a wrong token: exit 1, one line naming the tracker, no token anywhere', async () => {
    workspace(trackersConfig());
    const run = await items([], { ...tokens(), CUSTOMER_LENS_WORK_JIRA_TOKEN: 'wrong-secret-token' });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0] ?? '', /work-jira: /);
    for (const secret of ['wrong-secret-token', github.token]) assert.ok(!run.stderr.includes(secret));
  });

  it('a missing token or one bound to another origin: exit 1 before any request to that tracker', async () => {
    workspace(trackersConfig());
    const missing = await items([], { CUSTOMER_LENS_GH_TOKEN: github.token });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^customer-lens: work-jira: no token: set CUSTOMER_LENS_WORK_JIRA_TOKEN\n$/);
    const bound = await items([], { ...tokens(), CUSTOMER_LENS_WORK_JIRA_ORIGIN: 'https://acme.atlassian.net' });
    assert.equal(bound.code, 1);
    assert.match(bound.stderr, /token for work-jira is bound to https:\/\/acme\.atlassian\.net, config names http:\/\/127\.0\.0\.1:\d+: not sent/);
    assert.ok(!bound.stderr.includes(JIRA_TOKEN));
    assert.equal(jira.requests.length, 0);
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
