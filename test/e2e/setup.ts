import type { Context } from 'mocha';
import { saveFailureArtifacts, startSession, stopSession } from './session';

/** Mocha root hooks: one VS Code for the whole e2e run, artifacts for every failed test. */
export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(600_000);
    await startSession();
  },
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const folder = await saveFailureArtifacts(test.fullTitle());
    if (folder) console.log(`    [e2e] failure artifacts: ${folder}`);
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(60_000);
    await stopSession();
  },
};
