import type { Locator, Page } from 'playwright-core';

/** A rendered row of a tree view, as a user reads it. */
export interface TreeRow {
  /** Position in the whole tree (VS Code renders only the visible rows, in any DOM order). */
  readonly index: number;
  /** 1 for top-level rows. */
  readonly level: number;
  readonly label: string;
  readonly description: string;
  /** `undefined` for rows that cannot expand. */
  readonly expanded: boolean | undefined;
}

/**
 * The primary side bar: an activity bar entry, its view container, and the tree views and
 * welcome content in it. Selectors are VS Code's own class names and ARIA attributes.
 */
export class Sidebar {
  constructor(readonly page: Page) {}

  /**
   * The activity bar entry whose title starts with `title`. The `<li>` is what takes the click:
   * a badge sits on top of the icon. Its ARIA label is `Title - badge tooltip` while a badge shows.
   */
  activityItem(title: string): Locator {
    return this.page.locator('.activitybar .action-item[role="tab"]', { has: this.page.locator(`a.action-label[aria-label^="${title}"]`) });
  }

  /** The number on an activity bar entry's badge, or `undefined` while there is none. */
  async badge(title: string): Promise<string | undefined> {
    const badge = this.activityItem(title).locator('.badge');
    if (!(await badge.isVisible())) return undefined;
    return (await badge.locator('.badge-content').innerText()).trim();
  }

  /** Opens a view container from the activity bar; a click on the open one would close the side bar, so that one is left alone. */
  async openContainer(title: string): Promise<void> {
    const item = this.activityItem(title);
    await item.waitFor();
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    await this.page.locator('.part.sidebar .composite.title .title-label h2', { hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') }).waitFor();
  }

  /** A view (a section of the open container) by its name. */
  pane(name: string): Locator {
    return this.page.locator('.part.sidebar .pane', { has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  }

  /** Expands a collapsed view section. */
  async expandPane(name: string): Promise<void> {
    const header = this.pane(name).locator('.pane-header');
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await this.pane(name).locator('.pane-header[aria-expanded="true"]').waitFor();
  }

  /** The text next to a view's name (`TreeView.description`). */
  async paneDescription(name: string): Promise<string> {
    const description = this.pane(name).locator('.pane-header .description');
    return (await description.count()) === 0 ? '' : (await description.innerText()).trim();
  }

  /** The view's rendered rows in tree order. */
  async rows(name: string): Promise<TreeRow[]> {
    const rows = await this.pane(name)
      .locator('.monaco-list-row[role="treeitem"]')
      .evaluateAll((elements) =>
        elements.map((element) => ({
          index: Number(element.getAttribute('data-index')),
          level: Number(element.getAttribute('aria-level')),
          label: element.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: element.querySelector('.label-description')?.textContent?.trim() ?? '',
          expanded: element.hasAttribute('aria-expanded') ? element.getAttribute('aria-expanded') === 'true' : undefined,
        })),
      );
    return rows.sort((a, b) => a.index - b.index);
  }

  /**
   * Reads the rows until `accept` holds (views fill in asynchronously and refresh as the index
   * settles) and returns them; on timeout returns the last ones read, for the test's assertion
   * to show what was there instead.
   */
  async waitForRows(name: string, accept: (rows: readonly TreeRow[]) => boolean, timeoutMs = 20_000): Promise<TreeRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.rows(name);
      if (accept(rows) || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The row whose label starts with `labelStart` (item rows read `KEY title`). */
  row(name: string, labelStart: string): Locator {
    return this.pane(name)
      .locator('.monaco-list-row[role="treeitem"]', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(labelStart)}`) }) })
      .first();
  }

  /** Expands a row with its twistie (a click on the label would run the row's command, if any). */
  async expandRow(name: string, labelStart: string): Promise<void> {
    const row = this.row(name, labelStart);
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await this.pane(name)
      .locator('.monaco-list-row[aria-expanded="true"]', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(labelStart)}`) }) })
      .first()
      .waitFor();
  }

  /** A view's welcome content (`viewsWelcome`), shown while the view is empty. */
  welcome(name: string): Locator {
    return this.pane(name).locator('.welcome-view-content');
  }

  welcomeButton(name: string, text: string): Locator {
    return this.welcome(name).locator('a.monaco-button', { hasText: new RegExp(`^${escapeRegExp(text)}$`) });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
