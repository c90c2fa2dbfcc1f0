import assert from 'node:assert/strict';
import { loadLocalData } from '../../server/src/local/localData';
import { LOCAL_FILES, LOCAL_FOLDER } from '../../server/src/local/schemas';
import { itemKeyFromArg } from '../../client/src/commands/itemKeyArg';
import { CONFIG_FOLDER, CONFIG_TEMPLATE, CONFIG_TEMPLATE_OPEN } from '../../client/src/config/configTemplate';
import { severityTheme } from '../../client/src/items/severityTheme';
import { locationSelection } from '../../client/src/locations/locationSelection';
import { debounce } from '../../client/src/util/debounce';
import { itemSummary, textRange } from '../support/clientBuilders';

describe('client helpers', () => {
  describe('itemKeyFromArg (view item commands)', () => {
    it('takes the key of a tree node or a key', () => {
      assert.equal(itemKeyFromArg({ kind: 'item', id: 'x', item: itemSummary({ key: 'PAY-101' }) }), 'PAY-101');
      assert.equal(itemKeyFromArg('PAY-101'), 'PAY-101');
    });

    it('refuses anything else', () => {
      for (const arg of [undefined, null, 1, '', '  ', {}, { item: null }, { item: { key: 7 } }, { item: { key: ' ' } }, { key: 'PAY-101' }, [['PAY-101']]]) {
        assert.equal(itemKeyFromArg(arg), undefined, JSON.stringify(arg));
      }
    });
  });

  describe('.customer-lens template', () => {
    it('uses the folder and file names the server reads', () => {
      assert.equal(CONFIG_FOLDER, LOCAL_FOLDER);
      assert.deepEqual(CONFIG_TEMPLATE.map((file) => file.name), [LOCAL_FILES.friction.file, LOCAL_FILES.links.file, LOCAL_FILES.config.file]);
      assert.equal(CONFIG_TEMPLATE_OPEN, LOCAL_FILES.friction.file);
    });

    it('loads with the server\'s reader: one example item, no problems', async () => {
      const files = new Map(CONFIG_TEMPLATE.map((file) => [`/ws/${CONFIG_FOLDER}/${file.name}`, file.text]));
      const data = await loadLocalData('/ws', (filePath) => Promise.resolve(files.get(filePath.replace(/\\/g, '/'))));
      assert.deepEqual(data.problems, []);
      assert.deepEqual(data.items.map((item) => [item.key, item.severity, item.impact.customers, item.quotes.length]), [['DEMO-1', 'medium', 12, 1]]);
      assert.deepEqual(data.mappings, []);
      assert.deepEqual(data.config.keyPrefixes, ['DEMO']);
    });
  });

  describe('severityTheme', () => {
    it('colours each severity with a theme colour', () => {
      assert.deepEqual(
        (['critical', 'high', 'medium', 'low'] as const).map((severity) => severityTheme(severity).color),
        ['errorForeground', 'editorWarning.foreground', 'editorInfo.foreground', 'disabledForeground'],
      );
    });
  });

  describe('locationSelection', () => {
    it('selects a one-line range and only places the cursor for a longer one', () => {
      assert.deepEqual(locationSelection(textRange(3, 4, 3, 9)), textRange(3, 4, 3, 9));
      assert.deepEqual(locationSelection(textRange(3, 4, 20, 1)), textRange(3, 4, 3, 4));
    });
  });

  describe('debounce', () => {
    it('runs once, with the last arguments, after calls stop', async () => {
      const calls: number[] = [];
      const debounced = debounce((value: number) => calls.push(value), 10);
      debounced(1);
      debounced(2);
      debounced(3);
      assert.deepEqual(calls, []);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.deepEqual(calls, [3]);
    });

    it('drops a pending call on cancel', async () => {
      const calls: number[] = [];
      const debounced = debounce((value: number) => calls.push(value), 5);
      debounced(1);
      debounced.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(calls, []);
    });
  });
});
