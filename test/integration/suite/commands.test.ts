import assert from 'node:assert/strict';
import { commands, extensions } from 'vscode';
import { EXTENSION_ID } from './sampleWorkspace';

interface ContributedCommand {
  readonly command: string;
}

describe('extension and commands', () => {
  it('is the installed Customer Lens, active', () => {
    const extension = extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.equal(extension.isActive, true);
    assert.equal((extension.packageJSON as { publisher?: string }).publisher, 'customer-lens');
  });

  it('registers every command its package.json contributes', async () => {
    const extension = extensions.getExtension(EXTENSION_ID);
    const contributed = ((extension?.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? []).map((entry) => entry.command);
    assert.ok(contributed.length >= 10, `only ${contributed.length} contributed commands`);
    const registered = new Set(await commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
  });
});
