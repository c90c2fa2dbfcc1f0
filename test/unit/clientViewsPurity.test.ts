/**
 * The view models, panel logic and helpers tested in this suite must stay free of `vscode`,
 * directly or through what they import, so they keep running in plain Node.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { walkImports } from '../support/pureImports';

const CLIENT_SRC = path.resolve(__dirname, '../../../client/src');
const PURE_FILES = [
  'commands/itemKeyArg.ts',
  'config/configTemplate.ts',
  'items/itemText.ts',
  'items/itemTooltip.ts',
  'items/severityTheme.ts',
  'locations/locationSelection.ts',
  'lsp/customerLensServer.ts',
  'panel/followCursor.ts',
  'panel/nonce.ts',
  'panel/panelHtml.ts',
  'panel/panelItems.ts',
  'panel/panelModel.ts',
  'panel/panelResources.ts',
  'panel/readyGate.ts',
  'panel/restoredState.ts',
  'trackers/syncOutcome.ts',
  'trackers/syncStatusState.ts',
  'trackers/syncTime.ts',
  'trackers/tokenAnswer.ts',
  'trackers/tokenPrompt.ts',
  'trackers/trackerPickItem.ts',
  'trackers/trackerSecret.ts',
  'trackers/trackerStateText.ts',
  'util/count.ts',
  'util/debounce.ts',
  'views/viewNode.ts',
  'views/friction/filterPick.ts',
  'views/friction/frictionBadge.ts',
  'views/friction/frictionFilter.ts',
  'views/friction/frictionGrouping.ts',
  'views/friction/frictionNodes.ts',
  'views/friction/frictionTreeModel.ts',
  'views/thisFile/thisFileModel.ts',
  'views/thisFile/thisFileNodes.ts',
];

describe('client view and panel logic is free of vscode', () => {
  it('imports no `vscode`, directly or transitively', () => {
    const { files, specifiers } = walkImports(PURE_FILES.map((file) => path.join(CLIENT_SRC, file)));
    for (const [file, imported] of specifiers) {
      assert.ok(!imported.includes('vscode'), `${file} imports vscode`);
    }
    assert.ok(files.size > PURE_FILES.length, 'the walk followed relative imports');
  });
});
