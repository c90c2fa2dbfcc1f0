import type { FrameLocator, Locator, Page } from 'playwright-core';

const HOVER = '.monaco-hover-content';

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
    await this.dismissHover();
    await this.goToLine(line);
    const token = this.token(text);
    await token.waitFor();
    const hover = this.page.locator(HOVER).first();
    // A hover needs the mouse to arrive over the word; if none shows, leave and come back.
    for (let attempt = 0; ; attempt++) {
      await token.hover();
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
