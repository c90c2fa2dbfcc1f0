import type { FrameLocator, Locator, Page } from 'playwright-core';

const HOVER = '.monaco-hover-content';

/** The parts of an open quick pick or input box a test reads or types into. */
export interface QuickInput {
  readonly input: Locator;
  /** An input box's prompt (and VS Code's "Press 'Enter' to confirm…"), or a validation message. */
  readonly message: Locator;
  /** A quick pick's focused row: Enter picks it. */
  readonly focusedRow: Locator;
}

/**
 * The VS Code workbench as a user drives it: quick open, go to line, hover, command palette,
 * views. Selectors are VS Code's own stable class names and ARIA labels.
 */
export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens VS Code and waits until Customer Lens has indexed (its status bar shows items). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await this.statusBarItem(/\d+ items?/).waitFor({ timeout: 90_000 });
  }

  statusBarItem(text: RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText: text }).first();
  }

  /** A status bar item by the id its extension created it with; VS Code prefixes the extension's id. */
  statusBarEntry(id: string): Locator {
    return this.page.locator(`.statusbar-item[id$=".${id}"]`);
  }

  /** Waits until a status bar item reads `text` and returns what it reads (without its icon). */
  async waitForStatusText(entry: Locator, text: RegExp, timeout = 20_000): Promise<string> {
    await entry.filter({ hasText: text }).waitFor({ timeout });
    return (await entry.innerText()).trim();
  }

  async openFile(relativePath: string): Promise<void> {
    const input = await this.quickInput('Control+P');
    await input.fill(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    // Quick open lists recent files at once and filters a moment later: wait for the match.
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /** Puts the cursor on a one-based line and waits for the editor to scroll there. */
  async goToLine(line: number): Promise<void> {
    const input = await this.quickInput('Control+G');
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The editor's rendered token with exactly this text (after going to its line). */
  token(text: string): Locator {
    return this.page.locator('.monaco-editor .view-line span span', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }).first();
  }

  /** Hovers a token and returns the hover's text once our contribution (or nothing) shows. */
  async hoverToken(text: string, line: number): Promise<string> {
    const token = this.token(text);
    return this.hoverAt(line, async () => {
      await token.waitFor();
      await token.hover();
    });
  }

  /**
   * Hovers `text` (its first occurrence on screen) where it stands inside a longer rendered token,
   * such as a key in a comment, and returns the hover's text.
   */
  async hoverText(text: string, line: number): Promise<string> {
    const token = this.page.locator('.monaco-editor .view-line span span', { hasText: text }).first();
    return this.hoverAt(line, async () => {
      await token.waitFor();
      const point = await token.evaluate((element, part) => {
        const node = element.firstChild;
        const start = node?.textContent?.indexOf(part) ?? -1;
        if (!node || start < 0) return undefined;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + part.length);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }, text);
      if (!point) throw new Error(`"${text}" is not in one text node of its token`);
      await this.page.mouse.move(point.x, point.y);
    });
  }

  private async hoverAt(line: number, moveMouse: () => Promise<void>): Promise<string> {
    await this.dismissHover();
    await this.goToLine(line);
    const hover = this.page.locator(HOVER).first();
    // A hover needs the mouse to arrive over the word; if none shows, leave and come back.
    for (let attempt = 0; ; attempt++) {
      await moveMouse();
      try {
        await hover.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.parkMouse();
      }
    }
    // Hover parts arrive one provider at a time; let the others render.
    await this.page.waitForTimeout(500);
    return (await this.page.locator(HOVER).allInnerTexts()).join('\n');
  }

  /**
   * Opens a quick input with a shortcut. A hover or a focused widget can swallow the first key
   * press, so focus goes back to the editor and the shortcut is retried until the input shows.
   */
  private async quickInput(shortcut: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 0; attempt < 5; attempt++) {
      await this.dismissHover();
      await this.page.keyboard.press(shortcut);
      try {
        await input.waitFor({ timeout: 2_000 });
        return input;
      } catch {
        // Try again.
      }
    }
    throw new Error(`${shortcut} did not open a quick input`);
  }

  async dismissHover(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.parkMouse();
  }

  /** Over the empty part of the activity bar: nothing there shows a hover or takes focus. */
  private async parkMouse(): Promise<void> {
    const viewport = this.page.viewportSize() ?? { width: 1280, height: 800 };
    await this.page.mouse.move(20, viewport.height - 120);
  }

  codeLens(text: RegExp): Locator {
    return this.page.locator('.contentWidgets .codelens-decoration a, .codelens-decoration a', { hasText: text }).first();
  }

  /** The quick pick or input box a command opened, once it shows this title. */
  async waitForQuickInput(title: string): Promise<QuickInput> {
    const widget = this.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: title }).waitFor();
    return {
      input: widget.locator('.quick-input-box input'),
      message: widget.locator('.quick-input-message'),
      focusedRow: widget.locator('.quick-input-list .monaco-list-row.focused'),
    };
  }

  /** A notification toast whose message contains `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
  }

  async runCommand(title: string): Promise<void> {
    const input = await this.quickInput('F1');
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The panel's content: VS Code nests a webview's document two iframes deep. */
  webview(title: string): FrameLocator {
    return this.page.frameLocator(`iframe.webview.ready[title="${title}"], iframe.webview.ready`).frameLocator('iframe#active-frame');
  }

  /** Typing into the editor at the cursor. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async editorText(): Promise<string> {
    return (await this.page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
