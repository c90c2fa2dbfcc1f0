import type { PanelLocation } from '../protocol';

/** What the rendered panel can ask for; the app turns these into messages to the extension. */
export interface PanelActions {
  openInTracker(key: string): void;
  copyKey(key: string): void;
  linkToSymbol(key: string): void;
  setPinned(pinned: boolean): void;
  openLocation(uri: string, range: PanelLocation['range']): void;
}
