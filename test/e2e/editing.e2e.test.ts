import assert from 'node:assert/strict';
import { e2e } from './session';

describe('e2e: editing updates without a reload', () => {
  it('shows an annotation typed above a function in its hover', async () => {
    const { workbench, page } = e2e();
    await workbench.openFile('src/util/dates.ts');
    // Line 4 is blank, right above `export function formatDate(…)` on line 5. No Enter: the
    // editor would continue the comment onto the next line.
    await workbench.goToLine(4);
    await workbench.type('// friction: CHK-215');
    const text = await workbench.hoverToken('formatDate', 5);
    assert.match(text, /CHK-215/);
    assert.match(text, /870 customers/);
    // Leave the workspace copy as it was for the tests that follow.
    await workbench.goToLine(4);
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+S');
    assert.doesNotMatch(await workbench.hoverToken('formatDate', 5), /CHK-215/);
  });
});
