import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { e2e, RESULTS } from './session';

/**
 * The README's pictures, taken from the real thing on every e2e run:
 * test-results/screenshots/{hover,panel}.png (copied to media/screenshots/, which ships in the
 * .vsix, when the UI changes). Each test asserts what the picture must show before taking it.
 */
const SCREENSHOTS = path.join(path.dirname(RESULTS), 'screenshots');

describe('e2e: screenshots for the README', () => {
  before(() => {
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  it('hover.png: the hover and CodeLens on RefundService.issue, next to the Explorer', async () => {
    const { workbench, page } = e2e();
    await workbench.runCommand('View: Close All Editors');
    await page.locator('.tab').first().waitFor({ state: 'detached' });
    await workbench.runCommand('View: Show Explorer');
    await page.locator('.part.sidebar .composite.title h2', { hasText: /^Explorer$/i }).waitFor();
    await workbench.openFile('src/payments/refund.ts');
    await workbench.goToLine(36);
    await workbench.codeLens(/1 friction item · 412 customers/).waitFor({ timeout: 20_000 });
    // With the line near the top the hover opens below it, and the CodeLens stays in the picture.
    const token = workbench.token('issue');
    await scrollNearTop(page, token);
    const hover = page.locator('.monaco-hover-content');
    for (let attempt = 0; ; attempt++) {
      await workbench.dismissHover();
      await token.hover();
      try {
        await hover.filter({ hasText: 'PAY-101' }).first().waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    // TypeScript's part of the hover too, so the picture is the whole hover.
    await hover.filter({ hasText: /\(method\) RefundService\.issue/ }).first().waitFor();
    // The hover fades in: the picture waits for the animation to end.
    await hover.first().evaluate((element) => {
      const widget = element.closest('.monaco-hover') ?? element;
      const finite = widget.getAnimations({ subtree: true }).filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
      return Promise.all(finite.map((animation) => animation.finished)).then(() => undefined);
    });
    const text = (await hover.allInnerTexts()).join('\n');
    assert.match(text, /PAY-101/);
    assert.match(text, /I was charged twice and waited two weeks for the refund/);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    writeFileSync(path.join(SCREENSHOTS, 'hover.png'), compactPng(await page.screenshot()));
  });

  it('panel.png: the Customer Lens panel beside the editor, opened from the CodeLens', async () => {
    const { workbench, page } = e2e();
    await workbench.dismissHover();
    // Editor and panel share the window: no side bar.
    await workbench.runCommand('View: Close Primary Side Bar');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await workbench.goToLine(36);
    const lens = workbench.codeLens(/1 friction item · 412 customers/);
    await lens.waitFor({ timeout: 20_000 });
    await lens.click();
    const panel = workbench.webview('Customer Lens');
    const item = panel.locator('[data-testid="item"][data-key="PAY-101"]');
    await item.waitFor({ timeout: 20_000 });
    await item.locator('[data-testid="touchpoint"]').first().waitFor();
    assert.match(await item.locator('[data-testid="quotes"]').innerText(), /I was charged twice/);
    // Nothing under the mouse: no tooltip in the picture.
    await workbench.dismissHover();
    await panel.locator('body').evaluate(() => document.fonts.ready.then(() => undefined));
    writeFileSync(path.join(SCREENSHOTS, 'panel.png'), compactPng(await page.screenshot()));
    await workbench.runCommand('View: Show Explorer');
    await page.locator('.part.sidebar').waitFor();
  });
});

/** Scrolls the editor a line at a time (Ctrl+Down keeps the cursor) until `token` is near its top. */
async function scrollNearTop(page: Page, token: Locator): Promise<void> {
  // The editor's visible area (its lines element is as tall as the whole file).
  const editor = page.locator('.monaco-editor .overflow-guard').first();
  for (let lines = 0; lines < 60; lines++) {
    const [top, at] = await Promise.all([editor.boundingBox(), token.boundingBox()]);
    if (!top || !at) throw new Error('the editor or the token is not on screen');
    // Room for the sticky-scroll line and the CodeLens above the token, but not for a hover.
    if (at.y - top.y < 80) return;
    await page.keyboard.press('Control+ArrowDown');
  }
  throw new Error('could not scroll the token to the top of the editor');
}

/**
 * The same pixels in a smaller PNG, for the .vsix and the README: Chromium filters every row,
 * which suits photos; flat UI colours compress better unfiltered at zlib's highest level
 * (~15% smaller). Handles what Chromium writes: 8-bit RGB or RGBA, not interlaced.
 */
function compactPng(png: Buffer): Buffer {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    chunks.push({ type: png.toString('latin1', offset + 4, offset + 8), data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  const header = chunks.find((chunk) => chunk.type === 'IHDR')?.data;
  if (!header || header[8] !== 8 || (header[9] !== 2 && header[9] !== 6) || header[12] !== 0) return png;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bytesPerPixel = header[9] === 6 ? 4 : 3;
  const stride = width * bytesPerPixel;
  const compressed = Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data));
  // Undo each row's filter in place: the row's filter byte becomes 0 (None).
  const rows = zlib.inflateSync(compressed);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = rows[start];
    rows[start] = 0;
    for (let x = 0; x < stride; x++) {
      const at = start + 1 + x;
      const left = x >= bytesPerPixel ? (rows[at - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (rows[at - stride - 1] ?? 0) : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? (rows[at - stride - 1 - bytesPerPixel] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0] ?? 0;
      rows[at] = ((rows[at] ?? 0) + predictor) & 0xff;
    }
  }
  const data = zlib.deflateSync(rows, { level: 9, memLevel: 9, strategy: zlib.constants.Z_FILTERED });
  if (data.length >= compressed.length) return png;
  return Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', header), pngChunk('IDAT', data), pngChunk('IEND', Buffer.alloc(0))]);
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
  return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
