/** What the token input box says for a tracker: what is asked for, and where it will go. */
export interface TokenPrompt {
  readonly title: string;
  readonly prompt: string;
  readonly placeHolder: string;
}

/** Which kind of credential each tracker type takes, as its own UI names it. */
const CREDENTIAL: Readonly<Record<string, string>> = {
  jira: 'An API token from id.atlassian.com (Security › API tokens), not your password',
  'jira-dc': 'A personal access token (your Jira profile › Personal Access Tokens)',
  linear: 'A personal API key (Linear settings › Security & access › Personal API keys)',
  github: 'A personal access token that can read issues of the configured repositories',
  zendesk: 'An API token (Admin Center › Apps and integrations › APIs › Zendesk API)',
};

export function tokenPrompt(tracker: { readonly name: string; readonly type: string; readonly origin: string }): TokenPrompt {
  return {
    title: `Connect ${tracker.name}`,
    prompt: `Token for ${tracker.type} at ${tracker.origin}. It is stored in VS Code's secret storage and only ever sent to ${tracker.origin}.`,
    placeHolder: CREDENTIAL[tracker.type] ?? 'An API token',
  };
}

/** An input box validation message, or `undefined` when the value can be checked. */
export function validateToken(value: string): string | undefined {
  return value.trim() === '' ? 'Enter a token, or press Escape to cancel.' : undefined;
}
