import type { IndexStatusNotification } from '../../server/src/protocol';
import { count } from './util/count';

/** What the status bar item shows; kept free of `vscode` so it can be unit tested. */
export interface StatusBarState {
  readonly text: string;
  readonly tooltip: string;
  readonly accessibilityLabel: string;
  readonly warning: boolean;
  /** The server is down, so a click should lead to the output rather than to a search. */
  readonly stopped: boolean;
}

const numberFormat = new Intl.NumberFormat('en-US');

export const STARTING_STATE: StatusBarState = {
  text: '$(sync~spin) Customer Lens',
  tooltip: 'Customer Lens: starting…',
  accessibilityLabel: 'Customer Lens is starting',
  warning: false,
  stopped: false,
};

export const STOPPED_STATE: StatusBarState = {
  text: '$(circle-slash) Customer Lens',
  tooltip: 'Customer Lens: the language server is not running. Click to show the output.',
  accessibilityLabel: 'Customer Lens language server is not running',
  warning: true,
  stopped: true,
};

export function describeIndexStatus(status: IndexStatusNotification.Params): StatusBarState {
  if (status.state === 'starting') {
    return STARTING_STATE;
  }
  if (status.state === 'indexing') {
    const tooltip = `Indexing ${count(status.files, 'file')}…`;
    return {
      text: '$(sync~spin) Customer Lens',
      tooltip,
      accessibilityLabel: `Customer Lens: ${tooltip}`,
      warning: false,
      stopped: false,
    };
  }
  const warning = status.problems > 0;
  const items = count(status.items, 'item');
  const problems = count(status.problems, 'problem');
  const tooltip = [
    `Customer Lens: ${count(status.items, 'friction item')}`,
    count(status.links, 'linked code location'),
    `${count(status.files, 'file')} indexed`,
    warning ? `${problems} in .customer-lens files (see Problems)` : 'No problems in .customer-lens files',
    'Click to search friction items.',
  ].join('\n');
  return {
    text: warning ? `$(comment-discussion) ${items}  $(warning) ${numberFormat.format(status.problems)}` : `$(comment-discussion) ${items}`,
    tooltip,
    accessibilityLabel: `Customer Lens: ${count(status.items, 'friction item')}${warning ? `, ${problems}` : ''}. Search friction items`,
    warning,
    stopped: false,
  };
}
