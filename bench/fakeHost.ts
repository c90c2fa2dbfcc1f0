import { FAKE_TOKEN as GITHUB_TOKEN, GithubFake } from '../test/fakes/github/githubFake';
import { FAKE_EMAIL as JIRA_EMAIL, FAKE_TOKEN as JIRA_TOKEN, JiraFake } from '../test/fakes/jira/jiraFake';
import { FAKE_API_KEY as LINEAR_KEY, LinearFake } from '../test/fakes/linear/linearFake';
import type { VendorFake } from '../test/fakes/vendorFake';
import { FAKE_TOKEN as ZENDESK_TOKEN, ZendeskFake } from '../test/fakes/zendesk/zendeskFake';

/**
 * One tracker fake in a process of its own, driven over IPC by syncBench.ts: the tracker is
 * another machine, so its work (rendering and serializing answers, its garbage) must not run on
 * the thread that syncs. Messages: `start` → `started`; `latency`, `log`, `close`.
 */

export type FakeVendor = 'jira' | 'github' | 'linear' | 'zendesk';

export type HostCommand =
  | { readonly type: 'start'; readonly vendor: FakeVendor; readonly records: number }
  | { readonly type: 'latency'; readonly ms: number }
  | { readonly type: 'log'; readonly from: number }
  | { readonly type: 'close' };

export interface LoggedAnswer {
  readonly method: string;
  readonly path: string;
  /** The query string, without `?`. */
  readonly query: string;
  readonly status?: number;
}

export type HostReply =
  | { readonly type: 'started'; readonly origin: string; readonly base: string; readonly token: string; readonly detail?: string }
  | { readonly type: 'ok' }
  | { readonly type: 'log'; readonly requests: readonly LoggedAnswer[]; readonly total: number; readonly busyMs: number }
  | { readonly type: 'error'; readonly message: string };

/** The repository the GitHub fake serves. */
export const GITHUB_REPO = 'acme/payments';

async function start(vendor: FakeVendor, records: number): Promise<{ fake: VendorFake; base: string; token: string; detail?: string }> {
  switch (vendor) {
    case 'jira': {
      const fake = await JiraFake.start({ flavour: 'cloud', issues: records, email: JIRA_EMAIL });
      return { fake, base: fake.site, token: JIRA_TOKEN };
    }
    case 'github': {
      const fake = await GithubFake.start({ repos: [GITHUB_REPO], issuesPerRepo: records, pullRequestsPerRepo: 0 });
      return { fake, base: fake.apiBase, token: GITHUB_TOKEN };
    }
    case 'linear': {
      const fake = await LinearFake.start({ issues: records });
      const needs = fake.issues.reduce((sum, issue) => sum + issue.needs.length, 0);
      return { fake, base: fake.origin, token: LINEAR_KEY, detail: `the issues have ${needs.toLocaleString('en-US')} customer needs` };
    }
    case 'zendesk': {
      const fake = await ZendeskFake.start({ tickets: records });
      return { fake, base: fake.origin, token: ZENDESK_TOKEN };
    }
  }
}

let current: VendorFake | undefined;

async function handle(command: HostCommand): Promise<HostReply> {
  if (command.type === 'start') {
    const started = await start(command.vendor, command.records);
    current = started.fake;
    return { type: 'started', origin: started.fake.origin, base: started.base, token: started.token, ...(started.detail !== undefined && { detail: started.detail }) };
  }
  if (!current) return { type: 'error', message: 'no fake started' };
  switch (command.type) {
    case 'latency':
      current.latencyMs = command.ms;
      return { type: 'ok' };
    case 'log':
      return {
        type: 'log',
        requests: current.requests.slice(command.from).map((request) => ({ method: request.method, path: request.path, query: request.query.toString(), ...(request.status !== undefined && { status: request.status }) })),
        total: current.requests.length,
        busyMs: current.busyMs,
      };
    case 'close':
      await current.close();
      current = undefined;
      return { type: 'ok' };
  }
}

if (require.main === module) {
  process.on('message', (command: HostCommand) => {
    handle(command)
      .catch((error: unknown): HostReply => ({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
      .then((reply) => {
        process.send?.(reply);
        if (command.type === 'close') process.disconnect();
      })
      .catch(() => process.exit(1));
  });
}
