/**
 * The client's tracker logic that runs without VS Code: the sync status bar item, when a stored
 * token may be answered to the server, and the texts of Connect Tracker… and Sync Now.
 */
import assert from 'node:assert/strict';
import type { TrackerState, TrackerTokenRequest } from '../../server/src/protocol';
import { syncOutcome } from '../../client/src/trackers/syncOutcome';
import { describeSyncStatus, SYNC_STATE_PRECEDENCE } from '../../client/src/trackers/syncStatusState';
import { formatSyncAge, formatSyncClock, formatSyncMoment, oldest, parseSyncedAt } from '../../client/src/trackers/syncTime';
import { answerFromSecret, answerTokenRequest, usesGithubSession, type TokenSources } from '../../client/src/trackers/tokenAnswer';
import { tokenPrompt, validateToken } from '../../client/src/trackers/tokenPrompt';
import { findTracker, isConnectable, toTrackerPickItem, trackerNameArg } from '../../client/src/trackers/trackerPickItem';
import { isTrackerSecretKey, normalOrigin, parseTrackerSecret, serializeTrackerSecret, trackerSecretKey } from '../../client/src/trackers/trackerSecret';
import { labelSafe } from '../../client/src/trackers/trackerStateText';
import { HOSTILE_TEXTS, trackerStatus } from '../support/clientBuilders';

/** Local times, so the expectations hold in any time zone. */
const NOW = new Date(2025, 10, 24, 9, 30, 0);
const at = (day: number, hours: number, minutes: number): string => new Date(2025, 10, day, hours, minutes).toISOString();
const minutesAgo = (minutes: number): string => new Date(NOW.getTime() - minutes * 60_000).toISOString();

const JIRA_ORIGIN = 'https://acme.atlassian.net';
const secret = (token: string, origin: string): string => serializeTrackerSecret({ token, origin });

describe('client trackers', () => {
  describe('sync times', () => {
    it('say the local clock time today, with the date on another day or year', () => {
      assert.equal(formatSyncClock(new Date(2025, 10, 24, 9, 14), NOW), '09:14');
      assert.equal(formatSyncClock(new Date(2025, 10, 23, 9, 14), NOW), 'Nov 23 09:14');
      assert.equal(formatSyncClock(new Date(2024, 0, 5, 17, 2), NOW), 'Jan 5 2024 17:02');
    });

    it('say how long ago, and the date once that is more than a day', () => {
      assert.equal(formatSyncAge(new Date(NOW.getTime() - 59_000), NOW), 'just now');
      assert.equal(formatSyncAge(new Date(NOW.getTime() + 5_000), NOW), 'just now', 'a server clock a little ahead');
      assert.equal(formatSyncAge(new Date(NOW.getTime() - 2 * 60_000 - 30_000), NOW), '2 min ago');
      assert.equal(formatSyncAge(new Date(NOW.getTime() - 3 * 3_600_000 - 60_000), NOW), '3 h ago');
      assert.equal(formatSyncAge(new Date(2025, 10, 22, 9, 0), NOW), 'on Nov 22');
      assert.equal(formatSyncMoment(new Date(2025, 10, 24, 9, 28), NOW), '09:28 (2 min ago)');
      assert.equal(formatSyncMoment(new Date(2025, 10, 22, 9, 0), NOW), 'Nov 22 09:00');
    });

    it('read absent or garbled timestamps as never, and find the oldest', () => {
      assert.equal(parseSyncedAt(undefined), undefined);
      assert.equal(parseSyncedAt('yesterday'), undefined);
      assert.equal(oldest([undefined, parseSyncedAt(at(24, 9, 0)), parseSyncedAt(at(24, 8, 0))])?.toISOString(), at(24, 8, 0));
      assert.equal(oldest([undefined]), undefined);
    });
  });

  describe('sync status bar item', () => {
    it('is hidden without trackers', () => {
      assert.equal(describeSyncStatus([], NOW).visible, false);
    });

    it('says how long ago the oldest synced snapshot was taken, and syncs on click', () => {
      const state = describeSyncStatus(
        [trackerStatus({ name: 'jira', syncedAt: minutesAgo(2) }), trackerStatus({ name: 'linear', type: 'linear', syncedAt: minutesAgo(7) })],
        NOW,
      );
      assert.equal(state.visible, true);
      assert.equal(state.text, '$(check) synced 7 min ago');
      assert.deepEqual(state.click, { kind: 'syncNow' });
      assert.equal(state.background, undefined);
      assert.equal(describeSyncStatus([trackerStatus({ syncedAt: minutesAgo(0) })], NOW).text, '$(check) synced just now');
    });

    it('asks to reconnect a tracker whose token was rejected, on a warning background', () => {
      const state = describeSyncStatus([trackerStatus({ name: 'linear', state: 'synced' }), trackerStatus({ name: 'Jira', state: 'auth-failed', message: '401 Unauthorized' })], NOW);
      assert.equal(state.text, '$(warning) Jira: token rejected — reconnect');
      assert.equal(state.background, 'warning');
      assert.deepEqual(state.click, { kind: 'connect', trackerName: 'Jira' });
    });

    it('offers to connect a tracker without a token', () => {
      const state = describeSyncStatus([trackerStatus({ name: 'Jira', state: 'not-connected', records: 0 })], NOW);
      assert.equal(state.text, '$(plug) Jira: not connected');
      assert.deepEqual(state.click, { kind: 'connect', trackerName: 'Jira' });
    });

    it('says since when the data of offline trackers is, from the oldest of them', () => {
      const offline = (syncedAt?: string): ReturnType<typeof trackerStatus> => trackerStatus({ state: 'offline', ...(syncedAt !== undefined && { syncedAt }) });
      const older = trackerStatus({ name: 'linear', state: 'synced', syncedAt: at(20, 8, 0) });
      assert.equal(describeSyncStatus([offline(at(24, 9, 14)), offline(at(24, 9, 20)), older], NOW).text, '$(cloud-offline) offline — showing data from 09:14');
      assert.equal(describeSyncStatus([offline(at(23, 9, 14))], NOW).text, '$(cloud-offline) offline — showing data from Nov 23 09:14');
      assert.equal(describeSyncStatus([offline()], NOW).text, '$(cloud-offline) offline — no data yet');
      assert.deepEqual(describeSyncStatus([offline()], NOW).click, { kind: 'syncNow' });
    });

    it('spins while syncing, naming the tracker when there is one', () => {
      assert.equal(describeSyncStatus([trackerStatus({ name: 'Jira', state: 'syncing' })], NOW).text, '$(sync~spin) Syncing Jira…');
      assert.equal(describeSyncStatus([trackerStatus({ state: 'syncing' }), trackerStatus({ name: 'gh', state: 'syncing' })], NOW).text, '$(sync~spin) Syncing 2 trackers…');
    });

    it('says trackers are paused in Restricted Mode, and leads to workspace trust', () => {
      const state = describeSyncStatus([trackerStatus({ state: 'untrusted' })], NOW);
      assert.equal(state.text, '$(shield) Trackers paused (Restricted Mode)');
      assert.deepEqual(state.click, { kind: 'manageTrust' });
    });

    it('shows an error with its message on an error background', () => {
      const state = describeSyncStatus([trackerStatus({ name: 'Jira', state: 'error', message: 'the search API answered 410 Gone' })], NOW);
      assert.equal(state.text, '$(error) Jira: the search API answered 410 Gone');
      assert.equal(state.background, 'error');
    });

    it('shows the state that most needs the user when trackers disagree', () => {
      const expected: Record<TrackerState, string> = {
        'auth-failed': '$(warning)',
        error: '$(error)',
        'not-connected': '$(plug)',
        offline: '$(cloud-offline)',
        syncing: '$(sync~spin)',
        untrusted: '$(shield)',
        synced: '$(check)',
      };
      assert.deepEqual(SYNC_STATE_PRECEDENCE, ['auth-failed', 'error', 'not-connected', 'offline', 'syncing', 'untrusted', 'synced']);
      // Every state present, then the most urgent taken away one by one.
      for (let index = 0; index < SYNC_STATE_PRECEDENCE.length; index++) {
        const present = SYNC_STATE_PRECEDENCE.slice(index);
        const trackers = [...present].reverse().map((state) => trackerStatus({ name: `t-${state}`, state, syncedAt: minutesAgo(1) }));
        const top = SYNC_STATE_PRECEDENCE[index] ?? 'synced';
        assert.ok(describeSyncStatus(trackers, NOW).text.startsWith(`${expected[top]} `), top);
      }
    });

    it('lists every tracker in the tooltip: name, type, origin, state, records, synced time and message', () => {
      const { tooltip, accessibilityLabel } = describeSyncStatus(
        [
          trackerStatus({ name: 'jira', records: 1240, syncedAt: at(24, 9, 28) }),
          trackerStatus({ name: 'zd', type: 'zendesk', origin: 'https://acme.zendesk.com', state: 'offline', records: 1, syncedAt: at(23, 18, 5), message: 'connection reset; showing the last good data' }),
          trackerStatus({ name: 'lin', type: 'linear', origin: 'https://api.linear.app', state: 'not-connected', records: 0, message: 'no token: run Connect Tracker…' }),
        ],
        NOW,
      );
      assert.equal(
        tooltip,
        [
          'jira — jira · https://acme.atlassian.net\nsynced · 1,240 records · synced 09:28 (2 min ago)',
          'zd — zendesk · https://acme.zendesk.com\noffline · 1 record · synced Nov 23 18:05 (15 h ago)\nconnection reset; showing the last good data',
          'lin — linear · https://api.linear.app\nnot connected · 0 records · never synced\nno token: run Connect Tracker…',
          'Click to connect lin.',
        ].join('\n\n'),
      );
      assert.equal(accessibilityLabel, 'Customer Lens trackers: lin: not connected. Click to connect lin.');
    });

    it('keeps server text on one line and from drawing icons', () => {
      const state = describeSyncStatus([trackerStatus({ state: 'error', message: 'bad\n$(alert) entry' })], NOW);
      assert.equal(state.text, '$(error) jira: bad \\$(alert) entry');
      for (const text of HOSTILE_TEXTS) {
        assert.ok(!/(^|[^\\])\$\(/.test(labelSafe(text)), text);
      }
    });
  });

  describe('token answers', () => {
    it('store each token under its tracker name as JSON with its origin', () => {
      assert.equal(trackerSecretKey('jira'), 'customerLens.tracker.jira');
      assert.ok(isTrackerSecretKey('customerLens.tracker.jira'));
      assert.ok(!isTrackerSecretKey('customerLens.other'));
      assert.deepEqual(JSON.parse(secret('t0k', JIRA_ORIGIN)), { token: 't0k', origin: JIRA_ORIGIN });
      assert.deepEqual(parseTrackerSecret(secret('t0k', JIRA_ORIGIN)), { token: 't0k', origin: JIRA_ORIGIN });
    });

    it('give the token for exactly the origin it was approved for', () => {
      assert.deepEqual(answerFromSecret(secret('t0k', JIRA_ORIGIN), JIRA_ORIGIN)?.result, { token: 't0k' });
    });

    it('normalise trailing slashes, case and default ports of origins', () => {
      assert.deepEqual(answerFromSecret(secret('t0k', 'https://ACME.atlassian.net/'), JIRA_ORIGIN)?.result, { token: 't0k' });
      assert.deepEqual(answerFromSecret(secret('t0k', JIRA_ORIGIN), 'https://acme.atlassian.net:443/')?.result, { token: 't0k' });
      assert.equal(normalOrigin('https://API.github.com/'), 'https://api.github.com');
      assert.equal(normalOrigin('not a url'), undefined);
      assert.equal(normalOrigin('mailto:dev@acme.com'), undefined);
    });

    it('tell only where a token is bound when another origin asks, never the token', () => {
      for (const requested of ['https://evil.example.com', 'http://acme.atlassian.net', 'https://acme.atlassian.net:8443', '']) {
        const answer = answerFromSecret(secret('t0k', JIRA_ORIGIN), requested);
        assert.deepEqual(answer?.result, { boundOrigin: JIRA_ORIGIN }, requested);
        assert.ok(!('token' in (answer?.result ?? {})), requested);
        assert.ok(!JSON.stringify(answer).includes('t0k'), requested);
      }
    });

    it('answer nothing for a damaged secret', () => {
      for (const stored of ['{not json', 'null', '"t0k"', '{}', '{"token":"t0k"}', '{"token":"","origin":"https://acme.atlassian.net"}', '{"token":"t0k","origin":"nowhere"}', '{"token":7,"origin":"https://acme.atlassian.net"}']) {
        assert.deepEqual(answerFromSecret(stored, JIRA_ORIGIN), { result: {}, source: 'damaged-secret' }, stored);
      }
      assert.equal(answerFromSecret(undefined, JIRA_ORIGIN), undefined);
    });

    describe('answerTokenRequest', () => {
      const params = (overrides: Partial<TrackerTokenRequest.Params> = {}): TrackerTokenRequest.Params => ({ name: 'jira', type: 'jira', origin: JIRA_ORIGIN, ...overrides });
      const sources = (secrets: Record<string, string>, session?: string): TokenSources & { readonly read: string[]; githubAsked: number } => {
        const result = {
          read: [] as string[],
          githubAsked: 0,
          readSecret: (key: string) => {
            result.read.push(key);
            return Promise.resolve(secrets[key]);
          },
          githubSession: () => {
            result.githubAsked++;
            return Promise.resolve(session);
          },
        };
        return result;
      };

      it('reads the secret of the requested tracker', async () => {
        const stub = sources({ 'customerLens.tracker.jira': secret('t0k', JIRA_ORIGIN) });
        assert.deepEqual(await answerTokenRequest(params(), stub), { result: { token: 't0k' }, source: 'secret' });
        assert.deepEqual(stub.read, ['customerLens.tracker.jira']);
        assert.equal(stub.githubAsked, 0);
      });

      it('answers nothing when nothing is stored', async () => {
        assert.deepEqual(await answerTokenRequest(params(), sources({}, 'gho_session')), { result: {}, source: 'none' });
      });

      it('uses a GitHub session for api.github.com only', async () => {
        const github = params({ name: 'gh', type: 'github', origin: 'https://api.github.com' });
        assert.deepEqual(await answerTokenRequest(github, sources({}, 'gho_session')), { result: { token: 'gho_session' }, source: 'github-session' });
        assert.deepEqual(await answerTokenRequest(github, sources({})), { result: {}, source: 'none' });
        const enterprise = sources({}, 'gho_session');
        assert.deepEqual(await answerTokenRequest(params({ name: 'ghe', type: 'github', origin: 'https://github.acme.com' }), enterprise), { result: {}, source: 'none' });
        assert.equal(enterprise.githubAsked, 0, 'a github.com session never goes to an Enterprise server');
        assert.ok(usesGithubSession('github', 'https://API.github.com/'));
        assert.ok(!usesGithubSession('jira', 'https://api.github.com'));
      });

      it('prefers a stored token to the GitHub session', async () => {
        const github = params({ name: 'gh', type: 'github', origin: 'https://api.github.com' });
        const stub = sources({ 'customerLens.tracker.gh': secret('ghp_pat', 'https://api.github.com') }, 'gho_session');
        assert.deepEqual((await answerTokenRequest(github, stub)).result, { token: 'ghp_pat' });
        assert.equal(stub.githubAsked, 0);
      });
    });
  });

  describe('Connect Tracker… and Sync Now texts', () => {
    it('show a tracker as a pick row with its state', () => {
      const item = toTrackerPickItem(trackerStatus({ state: 'auth-failed', message: 'Jira answered 401' }), 'api');
      assert.deepEqual([item.label, item.description, item.detail], ['$(warning) jira', 'jira · https://acme.atlassian.net', 'api · token rejected · Jira answered 401']);
      const invalid = trackerStatus({ name: 'broken', type: '', origin: '', state: 'error', message: 'url: must be an http(s) URL' });
      assert.equal(toTrackerPickItem(invalid).description, 'invalid entry');
      assert.equal(isConnectable(invalid), false);
      assert.equal(isConnectable(trackerStatus()), true);
    });

    it('take a tracker name argument, the first folder\'s when several use it', () => {
      assert.equal(trackerNameArg(' jira '), 'jira');
      for (const arg of [undefined, '', ' ', 7, { name: 'jira' }]) assert.equal(trackerNameArg(arg), undefined);
      const trackers = [trackerStatus({ folderUri: 'file:///a' }), trackerStatus({ folderUri: 'file:///b' })];
      assert.equal(findTracker(trackers, 'jira')?.folderUri, 'file:///a');
      assert.equal(findTracker(trackers, 'linear'), undefined);
    });

    it('ask for a token saying where it will go and what kind is expected', () => {
      const prompt = tokenPrompt(trackerStatus());
      assert.equal(prompt.title, 'Connect jira');
      assert.equal(prompt.prompt, "Token for jira at https://acme.atlassian.net. It is stored in VS Code's secret storage and only ever sent to https://acme.atlassian.net.");
      assert.match(prompt.placeHolder, /API token from id\.atlassian\.com/);
      assert.match(tokenPrompt({ name: 'zd', type: 'zendesk', origin: 'https://acme.zendesk.com' }).placeHolder, /API token/);
      assert.match(tokenPrompt({ name: 'lin', type: 'linear', origin: 'https://api.linear.app' }).placeHolder, /personal API key/);
      assert.equal(validateToken('  '), 'Enter a token, or press Escape to cancel.');
      assert.equal(validateToken('t0k'), undefined);
    });

    it('say after Sync Now what needs the user', () => {
      assert.deepEqual(syncOutcome([]), { kind: 'no-trackers' });
      assert.deepEqual(syncOutcome([trackerStatus(), trackerStatus({ name: 'gh', state: 'auth-failed' }), trackerStatus({ name: 'zd', state: 'auth-failed' })]), {
        kind: 'auth-failed',
        trackerName: 'gh',
        message: 'gh (and 1 other tracker) rejected its token. Reconnect to enter a new one.',
      });
      assert.deepEqual(syncOutcome([trackerStatus({ state: 'untrusted' })]), { kind: 'untrusted' });
      assert.deepEqual(syncOutcome([trackerStatus(), trackerStatus({ name: 'gh' })]), { kind: 'done', message: 'Synced 2 trackers' });
      assert.deepEqual(syncOutcome([trackerStatus(), trackerStatus({ name: 'gh', state: 'offline' })]), { kind: 'done', message: 'Synced 1 of 2 trackers' });
    });
  });
});
