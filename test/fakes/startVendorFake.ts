import { FAKE_TOKEN as GITHUB_TOKEN, GithubFake } from './github/githubFake';
import { FAKE_EMAIL as JIRA_EMAIL, FAKE_TOKEN as JIRA_TOKEN, JiraFake } from './jira/jiraFake';
import { FAKE_API_KEY as LINEAR_KEY, LinearFake } from './linear/linearFake';
import { FAKE_EMAIL as ZENDESK_EMAIL, FAKE_TOKEN as ZENDESK_TOKEN, ZendeskFake } from './zendesk/zendeskFake';

/** The trackers a fake stands in for. */
export type FakeVendor = 'jira' | 'github' | 'linear' | 'zendesk';

/** The repository the GitHub fake started by `startVendorFake` serves. */
export const FAKE_GITHUB_REPO = 'acme/payments';

interface Started<V extends FakeVendor, F> {
  readonly vendor: V;
  /** The fake itself, typed, for what only that vendor's fake offers. */
  readonly fake: F;
  /** The site, API base or origin a tracker entry names. */
  readonly base: string;
  readonly token: string;
  /** The e-mail the tracker's credential goes with (Jira, Zendesk). */
  readonly email?: string;
}

export type StartedVendorFake =
  | Started<'jira', JiraFake>
  | Started<'github', GithubFake>
  | Started<'linear', LinearFake>
  | Started<'zendesk', ZendeskFake>;

/**
 * `vendor`'s fake holding `records` records (Jira Cloud issues, GitHub issues in FAKE_GITHUB_REPO
 * and no pull requests, Linear issues, Zendesk tickets), with what a tracker entry needs to reach it.
 */
export async function startVendorFake(vendor: FakeVendor, records: number): Promise<StartedVendorFake> {
  switch (vendor) {
    case 'jira': {
      const fake = await JiraFake.start({ flavour: 'cloud', issues: records, email: JIRA_EMAIL });
      return { vendor, fake, base: fake.site, token: JIRA_TOKEN, email: JIRA_EMAIL };
    }
    case 'github': {
      const fake = await GithubFake.start({ repos: [FAKE_GITHUB_REPO], issuesPerRepo: records, pullRequestsPerRepo: 0 });
      return { vendor, fake, base: fake.apiBase, token: GITHUB_TOKEN };
    }
    case 'linear': {
      const fake = await LinearFake.start({ issues: records });
      return { vendor, fake, base: fake.origin, token: LINEAR_KEY };
    }
    case 'zendesk': {
      const fake = await ZendeskFake.start({ tickets: records });
      return { vendor, fake, base: fake.origin, token: ZENDESK_TOKEN, email: ZENDESK_EMAIL };
    }
  }
}
