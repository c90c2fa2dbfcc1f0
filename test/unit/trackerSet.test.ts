import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotStore } from '../../server/src/trackers/snapshotStore';
import { mappedPage, type TrackerAdapter } from '../../server/src/trackers/trackerAdapter';
import { createTrackers, environmentTokens, originVariable, syncAll, type TokenSource } from '../../server/src/trackers/trackerSet';
import { GithubFake } from '../fakes/github/githubFake';
import { FAKE_EMAIL, FAKE_TOKEN as JIRA_TOKEN, JiraFake } from '../fakes/jira/jiraFake';
import { frictionItem } from '../support/builders';
import { wrapPages } from '../support/wrapPages';

const jira = (url: string, name = 'jira') => ({ name, type: 'jira', url, email: FAKE_EMAIL, jql: 'project = PAY' });
const github = (url: string, name = 'gh') => ({ name, type: 'github', url, repos: ['acme/payments'], labels: ['customer-friction'] });
const ownOrigin = (token: string): TokenSource => (config) => ({ token, origin: new URL(config.url).origin });

describe('tracker set: config, tokens and syncAll', () => {
  describe('createTrackers', () => {
    it('builds an adapter per valid entry and reports each bad one, the rest still build', () => {
      const set = createTrackers(
        [jira('https://acme.atlassian.net'), { name: 'broken', type: 'jira', url: 'not a url', jql: 'x' }, { type: 'nope' }, github('https://api.github.com'), jira('https://other.atlassian.net')],
        ownOrigin('t0k3n'),
      );
      assert.deepEqual(
        set.adapters.map((adapter) => [adapter.name, adapter.source, adapter.origin]),
        [
          ['jira', 'jira', 'https://acme.atlassian.net'],
          ['gh', 'github', 'https://api.github.com'],
        ],
      );
      assert.deepEqual(
        set.problems.map((problem) => problem.tracker),
        ['broken', 'trackers[2]', 'jira'],
      );
      assert.match(set.problems[0]?.message ?? '', /^invalid tracker config: url: /);
      assert.match(set.problems[1]?.message ?? '', /^invalid tracker config/);
      assert.match(set.problems[2]?.message ?? '', /duplicate tracker name 'jira'/);
    });

    it('a tracker without a token is a problem naming the variable, and is not built', () => {
      const set = createTrackers([jira('https://acme.atlassian.net', 'work-jira')], () => undefined);
      assert.equal(set.adapters.length, 0);
      assert.deepEqual(set.problems.map(({ tracker, kind, message }) => ({ tracker, kind, message })), [{ tracker: 'work-jira', kind: 'no-token', message: 'no token: set CUSTOMER_LENS_WORK_JIRA_TOKEN' }]);
    });

    it('a token bound to another origin is not sent: no adapter, a problem, no request', async () => {
      const fake = await JiraFake.start({ flavour: 'cloud', issues: 5, email: FAKE_EMAIL });
      try {
        const set = createTrackers([jira(fake.site)], () => ({ token: JIRA_TOKEN, origin: 'https://acme.atlassian.net' }));
        assert.equal(set.adapters.length, 0);
        assert.deepEqual(set.problems.map(({ tracker, kind, message }) => ({ tracker, kind, message })), [
          { tracker: 'jira', kind: 'origin-mismatch', message: `token for jira is bound to https://acme.atlassian.net, config names ${fake.origin}: not sent` },
        ]);
        assert.ok(!JSON.stringify(set.problems).includes(JIRA_TOKEN), 'the token is never in a problem');
        assert.equal(fake.requests.length, 0);
      } finally {
        await fake.close();
      }
    });
  });

  describe('adapter reuse', () => {
    it('keeps an adapter while its entry, token and HTTP options stay the same, and replaces it when one changes', () => {
      const reuse = new Map<string, TrackerAdapter>();
      const first = createTrackers([jira('https://acme.atlassian.net')], ownOrigin('t0k3n'), { reuse });
      const again = createTrackers([jira('https://acme.atlassian.net')], ownOrigin('t0k3n'), { reuse });
      assert.equal(again.adapters[0], first.adapters[0], 'the same instance (Jira keeps the user time zone it read)');
      const rotated = createTrackers([jira('https://acme.atlassian.net')], ownOrigin('new-token'), { reuse });
      assert.notEqual(rotated.adapters[0], first.adapters[0]);
      const proxied = createTrackers([jira('https://acme.atlassian.net')], ownOrigin('new-token'), { reuse, proxy: 'http://proxy.example:3128' });
      assert.notEqual(proxied.adapters[0], rotated.adapters[0]);
      createTrackers([], ownOrigin('new-token'), { reuse });
      assert.equal(reuse.size, 0, 'adapters of trackers no longer configured are let go');
    });
  });

  describe('environmentTokens', () => {
    const config = { name: 'work-jira', type: 'jira', url: 'https://acme.atlassian.net', jql: 'x' } as const;

    it('reads CUSTOMER_LENS_<NAME>_TOKEN, bound to the config’s own origin', () => {
      const tokens = environmentTokens({ CUSTOMER_LENS_WORK_JIRA_TOKEN: ' secret ' });
      assert.deepEqual(tokens(config), { token: 'secret', origin: 'https://acme.atlassian.net' });
      assert.equal(environmentTokens({})(config), undefined);
      assert.equal(environmentTokens({ CUSTOMER_LENS_WORK_JIRA_TOKEN: '' })(config), undefined);
    });

    it('CUSTOMER_LENS_<NAME>_ORIGIN binds the token explicitly: a config naming another origin gets nothing', () => {
      assert.equal(originVariable('work-jira'), 'CUSTOMER_LENS_WORK_JIRA_ORIGIN');
      const env = { CUSTOMER_LENS_WORK_JIRA_TOKEN: 'secret', CUSTOMER_LENS_WORK_JIRA_ORIGIN: 'https://acme.atlassian.net/' };
      const same = createTrackers([config], environmentTokens(env));
      assert.equal(same.adapters.length, 1);
      assert.deepEqual(same.problems, []);
      const other = createTrackers([{ ...config, url: 'https://evil.example.com' }], environmentTokens(env));
      assert.equal(other.adapters.length, 0);
      assert.deepEqual(other.problems.map((problem) => problem.message), ['token for work-jira is bound to https://acme.atlassian.net, config names https://evil.example.com: not sent']);
    });
  });

  describe('syncAll', () => {
    let folder: string;
    let fake: GithubFake;
    beforeEach(async () => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'customer-lens-set-'));
      fake = await GithubFake.start({ repos: ['acme/payments'], issuesPerRepo: 12, pullRequestsPerRepo: 0 });
    });
    afterEach(async () => {
      await fake.close();
      rmSync(folder, { recursive: true, force: true });
    });

    /** Counts the sources with a page in flight, at most, across the run. */
    const counting = (adapters: readonly TrackerAdapter[]) => {
      const inFlight = new Map<string, number>();
      const stats = { max: 0 };
      const wrapped = adapters.map((adapter) =>
        wrapPages(adapter, async (request, fetchPage) => {
          inFlight.set(adapter.name, (inFlight.get(adapter.name) ?? 0) + 1);
          stats.max = Math.max(stats.max, [...inFlight.values()].filter((count) => count > 0).length);
          try {
            return await fetchPage(request);
          } finally {
            inFlight.set(adapter.name, (inFlight.get(adapter.name) ?? 1) - 1);
          }
        }),
      );
      return { wrapped, stats };
    };

    for (const concurrency of [1, 2, 3]) {
      it(`syncs every source with at most ${concurrency} at once, results in order`, async () => {
        fake.latencyMs = 40;
        const names = ['a', 'b', 'c', 'd', 'e'];
        const set = createTrackers(
          names.map((name) => github(fake.apiBase, name)),
          ownOrigin(fake.token),
        );
        assert.deepEqual(set.problems, []);
        const { wrapped, stats } = counting(set.adapters);
        const results = await syncAll(wrapped, new SnapshotStore(folder), { signal: new AbortController().signal, concurrency });
        assert.deepEqual(
          results.map((result) => [result.tracker, result.outcome]),
          names.map((name) => [name, 'synced']),
        );
        assert.equal(stats.max, concurrency);
        const expected = fake.issues().filter((issue) => !issue.pullRequest && issue.labels.includes('customer-friction')).length;
        assert.ok(expected > 0);
        for (const result of results) assert.equal(result.snapshot?.readAll().items.length, expected);
        // The fake saw the sources in waves: never more than `concurrency` requests arriving together.
        const at = fake.requests.map((request) => request.at).sort((x, y) => x - y);
        const together = Math.max(...at.map((first) => at.filter((other) => other >= first && other < first + 20).length));
        assert.ok(together <= concurrency, `${together} requests within 20 ms`);
      });
    }

    it('the default bound is 3, and a failed source does not stop the others', async () => {
      const set = createTrackers(
        ['a', 'b', 'c', 'd'].map((name) => github(fake.apiBase, name)),
        (config) => ({ token: config.name === 'b' ? 'wrong' : fake.token, origin: fake.origin }),
      );
      const { wrapped, stats } = counting(set.adapters);
      fake.latencyMs = 30;
      const results = await syncAll(wrapped, new SnapshotStore(folder), { signal: new AbortController().signal, retry: { attempts: 1, baseMs: 1, capMs: 1 } });
      assert.deepEqual(
        results.map((result) => result.outcome),
        ['synced', 'failed', 'synced', 'synced'],
      );
      assert.equal(results[1]?.error?.kind, 'auth');
      assert.ok(!(results[1]?.error?.message ?? '').includes('wrong'));
      assert.equal(stats.max, 3);
    });

    it('a source whose snapshot cannot be saved fails alone: the others are synced', async () => {
      const oneItem = (name: string): TrackerAdapter => ({
        name,
        source: 'jira',
        origin: 'https://acme.atlassian.net',
        check: () => Promise.resolve('ok'),
        page: () => Promise.resolve(mappedPage({ items: [frictionItem({ id: `jira:${name}-1`, source: 'jira', key: `${name.toUpperCase()}-1` })], evidence: [], skipped: [] })),
      });
      const store = new SnapshotStore(folder);
      // A folder where b's snapshot goes: writing it fails, as on a broken disk.
      mkdirSync(store.fileOf('b'));
      const results = await syncAll(['a', 'b', 'c'].map(oneItem), store, { signal: new AbortController().signal, concurrency: 1 });
      assert.deepEqual(
        results.map((result) => [result.tracker, result.outcome]),
        [
          ['a', 'synced'],
          ['b', 'failed'],
          ['c', 'synced'],
        ],
      );
      assert.match(results[1]?.error?.message ?? '', /^could not save the snapshot: /);
      assert.deepEqual(results[2]?.snapshot?.readAll().items.map((item) => item.key), ['C-1']);
      for (const result of results) result.snapshot?.close();
    });

    it('no adapters: no request, no result', async () => {
      assert.deepEqual(await syncAll([], new SnapshotStore(folder), { signal: new AbortController().signal }), []);
      assert.equal(fake.requests.length, 0);
    });
  });
});
