/**
 * The starter `.customer-lens/` folder written by "Create from Template". It follows the local
 * format of DESIGN.md ("The embedded default: local files") with one example item, so every
 * feature has something to show before a tracker is set up.
 */
export const CONFIG_FOLDER = '.customer-lens';
/** Where trackers are configured; Connect Tracker… opens it when none is. */
export const CONFIG_FILE = 'config.yaml';

export interface TemplateFile {
  readonly name: string;
  readonly text: string;
}

const FRICTION = `# Customer friction items of this workspace. Each needs a unique key and a title;
# everything else is optional. See the README of Customer Lens for every field.
items:
  - key: DEMO-1
    title: Customers wait too long for their refund
    summary: >-
      An example item: replace it with a real pain point, in the customer's words where you can.
    status: open             # open | in-progress | resolved
    severity: medium         # critical | high | medium | low
    customers: 12            # customers affected
    tickets: 3               # support tickets
    journey: checkout > refund
    url: https://tracker.example.com/browse/DEMO-1
    labels: [example]
    quotes:
      - text: "I asked for my money back a week ago and still have nothing."
        customer: Example Customer
        date: 2026-01-15
`;

const LINKS = `# Links from friction items to code, reviewed in pull requests like code.
# A rule links every file its glob matches, or only one symbol in them:
#
#   - item: DEMO-1
#     path: src/payments/**
#     symbol: RefundService.issue
#
# You can also link code with a comment next to it:  // friction: DEMO-1
links: []
`;

const CONFIG = `# Customer Lens configuration. Tokens never go in this file: VS Code keeps them in its
# secret storage, and the command-line server reads CUSTOMER_LENS_<NAME>_TOKEN.

# Your projects' key prefixes (a key in a comment links today when its item is known).
keyPrefixes: [DEMO]

# With no trackers, items come from friction.yaml in this folder. To pull items from a tracker:
#
# trackers:
#   - name: jira
#     type: jira
#     url: https://acme.atlassian.net
#     email: dev@acme.com
#     jql: project = PAY AND labels = customer-friction
`;

export const CONFIG_TEMPLATE: readonly TemplateFile[] = [
  { name: 'friction.yaml', text: FRICTION },
  { name: 'links.yaml', text: LINKS },
  { name: CONFIG_FILE, text: CONFIG },
];

/** The file opened once the folder is created. */
export const CONFIG_TEMPLATE_OPEN = 'friction.yaml';
