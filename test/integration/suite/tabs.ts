import { TabInputWebview, window, type Tab } from 'vscode';

/** The open Customer Lens panel tabs (VS Code prefixes the view type it reports, hence `includes`). */
export function panelTabs(): Tab[] {
  return window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof TabInputWebview && tab.input.viewType.includes('customerLens.panel'));
}

export async function closePanels(): Promise<void> {
  const tabs = panelTabs();
  if (tabs.length > 0) await window.tabGroups.close(tabs);
}
