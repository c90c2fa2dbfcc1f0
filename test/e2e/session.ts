import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { CodeServer } from './codeServer';
import { Workbench } from './pages/workbench';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SAMPLE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'sample-workspace');
export const VSIX = path.join(ROOT, 'dist', 'customer-lens.vsix');
export const RESULTS = path.join(ROOT, 'test-results', 'e2e');

/** One VS Code and one browser page shared by every e2e test, as one user session. */
export interface E2eSession {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  readonly workbench: Workbench;
}

let current: E2eSession | undefined;

export function e2e(): E2eSession {
  if (!current) throw new Error('the e2e session has not started (see test/e2e/setup.ts)');
  return current;
}

export async function startSession(workspace = SAMPLE_WORKSPACE): Promise<E2eSession> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first (npm run test:e2e does).`);
  const log = (line: string) => console.log(`    [e2e] ${line}`);
  const server = await CodeServer.start({ workspace, vsix: VSIX, log });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const workbench = new Workbench(page);
    await workbench.open(server.url);
    current = { server, browser, page, workbench };
    return current;
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

export async function stopSession(): Promise<void> {
  const session = current;
  current = undefined;
  await session?.browser.close();
  await session?.server.stop();
}

/**
 * Where a failed test's artifacts go: its title made a file name, shortened, with what tells the
 * test apart (a suffix naming its own workspace, a hash of the whole title) kept past the cut, so
 * two long titles never share a folder and overwrite each other's screenshots.
 */
export function artifactFolder(title: string, suffix = ''): string {
  const hash = createHash('sha1').update(`${title}\0${suffix}`).digest('hex').slice(0, 8);
  const slug = (text: string) => text.replace(/[^\w.-]+/g, '-');
  return path.join(RESULTS, `${slug(title).slice(0, 100)}${suffix === '' ? '' : `-${slug(suffix)}`}-${hash}`);
}

/**
 * A failed test's artifacts in `folder`: a screenshot of `page`, the tail of code-server's log,
 * VS Code's logs (the extension host's and our output channel among them), and any `extra`
 * files (name → text).
 */
export async function saveArtifacts(folder: string, { page, server }: { readonly page: Page; readonly server: CodeServer }, extra: Readonly<Record<string, string>> = {}): Promise<void> {
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, 'screenshot.png') }).catch(() => undefined);
  writeFileSync(path.join(folder, 'code-server.log'), server.logTail(400));
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(folder, name), text);
  const logs = path.join(server.userDataDir, 'logs');
  if (existsSync(logs)) cpSync(logs, path.join(folder, 'vscode-logs'), { recursive: true });
}

/** On failure: the shared session's artifacts (see saveArtifacts), in the test's folder. */
export async function saveFailureArtifacts(title: string): Promise<string | undefined> {
  if (!current) return undefined;
  const folder = artifactFolder(title);
  await saveArtifacts(folder, current);
  return folder;
}
