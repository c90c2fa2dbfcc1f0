import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`): Playwright never downloads a browser here. */
export const CHROMIUM = process.env['CUSTOMER_LENS_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium off the network it cannot reach and quick to start. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's package (apt-get install chromium) or set CUSTOMER_LENS_CHROMIUM.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
