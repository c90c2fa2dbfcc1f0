import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadLocalData, localFilePath, type LocalData, type TextReader } from '../../server/src/local/localData';
import type { ConfigProblem } from '../../server/src/local/problems';
import { parseYamlFile } from '../../server/src/local/yamlFile';
import { SAMPLE_ROOT } from '../support/expectedLinks';

const ROOT = path.resolve('/workspace/app');
const FRICTION = localFilePath(ROOT, 'friction.yaml');

/** A reader over an in-memory `.customer-lens/` folder, keyed by file name. */
function memoryReader(files: Record<string, string>): TextReader {
  return (filePath) => {
    assert.equal(path.dirname(filePath), path.join(ROOT, '.customer-lens'));
    return Promise.resolve(files[path.basename(filePath)]);
  };
}

const load = (files: Record<string, string>): Promise<LocalData> => loadLocalData(ROOT, memoryReader(files));
const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

function only(problems: readonly ConfigProblem[]): ConfigProblem {
  assert.equal(problems.length, 1, `expected one problem, got ${JSON.stringify(problems, null, 2)}`);
  return problems[0]!;
}

describe('loadLocalData', () => {
  describe('valid files', () => {
    it('reads items with every field', async () => {
      const data = await load({
        'friction.yaml': yaml(
          'items:',
          '  - key: PAY-101',
          '    title: Refunds take 10 days',
          '    summary: Slow.',
          '    status: in-progress',
          '    severity: high',
          '    customers: 412',
          '    tickets: 57',
          '    votes: 3',
          '    arr: 120000',
          '    journey: checkout > refund',
          '    url: https://tracker.example.com/PAY-101',
          '    labels: [refunds]',
          '    quotes:',
          '      - text: "I waited two weeks."',
          '        customer: Northwind',
          '        date: 2026-10-02',
          '      - Plain quote',
          '    code:',
          '      - src/payments/refund.ts#RefundService.issue',
          '    updated: 2026-11-01T10:00:00Z',
        ),
      });
      assert.deepEqual(data.problems, []);
      assert.deepEqual(data.items, [
        {
          id: 'local:PAY-101',
          source: 'local',
          key: 'PAY-101',
          title: 'Refunds take 10 days',
          summary: 'Slow.',
          url: 'https://tracker.example.com/PAY-101',
          status: 'in-progress',
          rawStatus: 'in-progress',
          severity: 'high',
          impact: { customers: 412, tickets: 57, votes: 3, arr: 120000 },
          journey: 'checkout > refund',
          labels: ['refunds'],
          quotes: [{ text: 'I waited two weeks.', customer: 'Northwind', date: '2026-10-02' }, { text: 'Plain quote' }],
          codeRefs: ['src/payments/refund.ts#RefundService.issue'],
          updatedAt: '2026-11-01T10:00:00Z',
        },
      ]);
      assert.equal(data.itemLines.get('PAY-101'), 1);
    });

    it('applies the defaults: status open, severity medium, no customers', async () => {
      const data = await load({ 'friction.yaml': yaml('items:', '  - key: CHK-220', '    title: Address form rejects postcodes') });
      assert.deepEqual(data.problems, []);
      const [item] = data.items;
      assert.equal(item?.status, 'open');
      assert.equal(item?.severity, 'medium');
      assert.deepEqual(item?.impact, { customers: 0, tickets: 0, votes: 0 });
      assert.equal(item?.summary, '');
      assert.deepEqual(item?.labels, []);
      assert.deepEqual(item?.quotes, []);
      assert.equal(item?.url, undefined);
    });

    it('reads touchpoints, mappings and config', async () => {
      const data = await load({
        'touchpoints.yaml': yaml(
          'touchpoints:',
          '  - id: TP-7',
          '    format: support-rotation',
          '    date: 2026-10-14',
          '    engineer: dana@example.com',
          '    customer: Northwind Traders',
          '    summary: Agents re-issue refunds by hand.',
          '    quotes: ["We click refund again and hope."]',
          '    friction: [PAY-101]',
          '  - id: TP-8',
          '    date: 2026-10-15',
          '    engineer: lee@example.com',
        ),
        'links.yaml': yaml('links:', '  - item: PAY-101', '    path: ./src/payments/**', '    symbol: RefundService.issue', '  - item: BIL-301', '    path: src/billing/**'),
        'config.yaml': yaml('repository: acme/payments', 'keyPrefixes: [PAY, CHK]', 'trackers:', '  - name: jira', '    type: jira', '    url: https://acme.atlassian.net', '    jql: project = PAY'),
      });
      assert.deepEqual(data.problems, []);
      assert.deepEqual(data.touchpoints, [
        {
          id: 'TP-7',
          format: 'support-rotation',
          date: '2026-10-14',
          engineer: 'dana@example.com',
          customer: 'Northwind Traders',
          summary: 'Agents re-issue refunds by hand.',
          quotes: ['We click refund again and hope.'],
          friction: ['PAY-101'],
        },
        { id: 'TP-8', format: 'other', date: '2026-10-15', engineer: 'lee@example.com', summary: '', quotes: [], friction: [] },
      ]);
      assert.deepEqual(data.mappings, [
        { itemKey: 'PAY-101', glob: 'src/payments/**', symbol: 'RefundService.issue', file: localFilePath(ROOT, 'links.yaml'), line: 1 },
        { itemKey: 'BIL-301', glob: 'src/billing/**', file: localFilePath(ROOT, 'links.yaml'), line: 4 },
      ]);
      assert.equal(data.config.repository, 'acme/payments');
      assert.deepEqual(data.config.keyPrefixes, ['PAY', 'CHK']);
      assert.deepEqual(data.config.trackers, [{ name: 'jira', type: 'jira', url: 'https://acme.atlassian.net', jql: 'project = PAY' }]);
    });

    it('turns numbers used as keys into strings', async () => {
      const data = await load({
        'friction.yaml': yaml('items:', '  - key: 101', '    title: Numeric key', '    labels: [2026, refunds]'),
        'touchpoints.yaml': yaml('touchpoints:', '  - id: 7', '    date: 2026-01-01', '    engineer: e@example.com', '    friction: [101]'),
        'links.yaml': yaml('links:', '  - item: 101', '    path: src/**'),
      });
      assert.deepEqual(data.problems, []);
      assert.equal(data.items[0]?.key, '101');
      assert.equal(data.items[0]?.id, 'local:101');
      assert.deepEqual(data.items[0]?.labels, ['2026', 'refunds']);
      assert.equal(data.touchpoints[0]?.id, '7');
      assert.deepEqual(data.touchpoints[0]?.friction, ['101']);
      assert.equal(data.mappings[0]?.itemKey, '101');
    });

    it('gives empty data, without problems, when there are no files or they are empty', async () => {
      const cases: Record<string, string>[] = [{}, { 'friction.yaml': '', 'config.yaml': '# only a comment\n', 'links.yaml': 'links:\n' }];
      for (const files of cases) {
        const data = await load(files);
        assert.deepEqual(data.problems, []);
        assert.deepEqual(data.items, []);
        assert.deepEqual(data.mappings, []);
        assert.deepEqual(data.config, { keyPrefixes: [], trackers: [] });
      }
    });
  });

  describe('problems', () => {
    it('reports malformed YAML with the file and zero-based line, and keeps what parsed', async () => {
      const data = await load({
        'friction.yaml': yaml('items:', '  - key: PAY-1', '    title: fine', '  - key: PAY-2', '    title: Refunds: slow: really'),
      });
      const syntax = data.problems.filter((problem) => problem.severity === 'error' && !problem.message.startsWith('item '));
      assert.ok(syntax.length >= 1, JSON.stringify(data.problems));
      assert.equal(syntax[0]?.file, FRICTION);
      assert.equal(syntax[0]?.line, 4);
      assert.ok(data.items.some((item) => item.key === 'PAY-1'));
    });

    it('reports an unterminated quote in the right file', async () => {
      const data = await load({ 'links.yaml': yaml('links:', '  - item: PAY-1', '    path: "src/**') });
      assert.ok(data.problems.length >= 1);
      assert.ok(data.problems.every((problem) => problem.file === localFilePath(ROOT, 'links.yaml')));
      assert.ok(data.problems.every((problem) => problem.line >= 2));
    });

    it('warns about an unknown field, naming it, and keeps the entry', async () => {
      const data = await load({ 'friction.yaml': yaml('items:', '  - key: PAY-1', '    title: t', '    colour: red') });
      const problem = only(data.problems);
      assert.equal(problem.severity, 'warning');
      assert.match(problem.message, /'colour'/);
      assert.equal(problem.file, FRICTION);
      assert.equal(problem.line, 3);
      assert.deepEqual(
        data.items.map((item) => item.key),
        ['PAY-1'],
      );
      assert.equal('colour' in data.items[0]!, false);
    });

    it('warns about an unknown top-level field', async () => {
      const data = await load({ 'touchpoints.yaml': yaml('touchpoint:', '  - id: TP-1') });
      const problem = only(data.problems);
      assert.equal(problem.severity, 'warning');
      assert.match(problem.message, /'touchpoint'/);
      assert.equal(problem.line, 0);
    });

    it('reports a duplicate key on the second entry and keeps the first', async () => {
      const data = await load({ 'friction.yaml': yaml('items:', '  - key: PAY-1', '    title: first', '  - key: PAY-1', '    title: second') });
      const problem = only(data.problems);
      assert.equal(problem.severity, 'error');
      assert.equal(problem.line, 3);
      assert.match(problem.message, /duplicate key 'PAY-1'/);
      assert.match(problem.message, /line 2/);
      assert.deepEqual(
        data.items.map((item) => item.title),
        ['first'],
      );
    });

    it('reports a duplicate touchpoint id on the second entry', async () => {
      const data = await load({
        'touchpoints.yaml': yaml('touchpoints:', '  - id: TP-1', '    date: 2026-01-01', '    engineer: a@x', '  - id: TP-1', '    date: 2026-01-02', '    engineer: b@x'),
      });
      assert.equal(only(data.problems).line, 4);
      assert.deepEqual(
        data.touchpoints.map((t) => t.engineer),
        ['a@x'],
      );
    });

    it('skips only the entry that misses a required title', async () => {
      const data = await load({ 'friction.yaml': yaml('items:', '  - key: PAY-1', '  - key: PAY-2', '    title: kept') });
      const problem = only(data.problems);
      assert.equal(problem.severity, 'error');
      assert.equal(problem.line, 1);
      assert.match(problem.message, /'title' is required/);
      assert.deepEqual(
        data.items.map((item) => item.key),
        ['PAY-2'],
      );
    });

    it('skips an entry whose key is empty', async () => {
      const data = await load({ 'friction.yaml': yaml('items:', '  - key: "  "', '    title: t', '  - key: PAY-2', '    title: kept') });
      assert.equal(only(data.problems).severity, 'error');
      assert.deepEqual(
        data.items.map((item) => item.key),
        ['PAY-2'],
      );
    });

    it('reports a bad optional value, uses the default and keeps the entry', async () => {
      const data = await load({ 'friction.yaml': yaml('items:', '  - key: PAY-1', '    title: t', '    severity: urgent', '    customers: -3', '    customer: 5') });
      const errors = data.problems.filter((problem) => problem.severity === 'error');
      assert.deepEqual(
        errors.map((problem) => problem.line),
        [3, 4],
      );
      assert.match(errors[0]!.message, /'severity'/);
      assert.match(errors[1]!.message, /'customers'/);
      assert.ok(data.problems.some((problem) => problem.severity === 'warning' && /'customer'/.test(problem.message)));
      const [item] = data.items;
      assert.equal(item?.key, 'PAY-1');
      assert.equal(item?.severity, 'medium');
      assert.equal(item?.impact.customers, 0);
    });

    it('reports an entry that is not a mapping', async () => {
      const data = await load({ 'friction.yaml': yaml('items:', '  - just a string', '  - key: PAY-2', '    title: kept') });
      assert.equal(only(data.problems).line, 1);
      assert.deepEqual(
        data.items.map((item) => item.key),
        ['PAY-2'],
      );
    });

    it('reports a root that is a list', async () => {
      const data = await load({ 'friction.yaml': yaml('- key: PAY-1', '  title: t') });
      const problem = only(data.problems);
      assert.equal(problem.severity, 'error');
      assert.equal(problem.file, FRICTION);
      assert.equal(problem.line, 0);
      assert.match(problem.message, /'items'/);
      assert.deepEqual(data.items, []);
    });

    it('reports `items` that is not a list', async () => {
      const data = await load({ 'friction.yaml': yaml('# items', 'items: nope') });
      const problem = only(data.problems);
      assert.equal(problem.severity, 'error');
      assert.equal(problem.line, 1);
      assert.match(problem.message, /'items' must be a list/);
      assert.deepEqual(data.items, []);
    });

    it('reports a bad repository in config.yaml and keeps the rest of the config', async () => {
      const data = await load({ 'config.yaml': yaml('repository: not a repo', 'keyPrefixes: [PAY]') });
      const problem = only(data.problems);
      assert.equal(problem.file, localFilePath(ROOT, 'config.yaml'));
      assert.match(problem.message, /'repository'/);
      assert.equal(data.config.repository, undefined);
      assert.deepEqual(data.config.keyPrefixes, ['PAY']);
    });

    it('points at the line of each tracker entry the sync will skip, and keeps the entries', async () => {
      const data = await load({
        'config.yaml': yaml(
          'trackers:',
          '  - name: jira',
          '    type: jira',
          '    url: not a url',
          '    jql: project = PAY',
          '  - name: gh',
          '    type: github',
          '    repos: [acme/app]',
          '  - name: gh',
          '    type: github',
          '    repos: [acme/other]',
          '  - name: lin',
          '    type: linear',
        ),
      });
      assert.deepEqual(
        data.problems.map((problem) => [problem.line, problem.severity, problem.message]),
        [
          [3, 'error', 'tracker jira: invalid tracker config: url: Invalid URL'],
          [8, 'error', "tracker gh: duplicate tracker name 'gh': this entry is ignored"],
          [11, 'error', 'tracker lin: invalid tracker config: teams: required'],
        ],
      );
      assert.equal(data.config.trackers.length, 4, 'the sync still sees every entry, and says the same in its status');
    });

    it('turns a read failure into a problem instead of throwing', async () => {
      const data = await loadLocalData(ROOT, (filePath) => {
        if (filePath.endsWith('links.yaml')) return Promise.reject(new Error('EACCES: permission denied'));
        return Promise.resolve(filePath.endsWith('friction.yaml') ? yaml('items:', '  - key: PAY-1', '    title: t') : undefined);
      });
      const problem = only(data.problems);
      assert.equal(problem.file, localFilePath(ROOT, 'links.yaml'));
      assert.match(problem.message, /EACCES/);
      assert.equal(data.items.length, 1);
    });

    it('keeps unquoted dates as ISO text', async () => {
      const data = await load({
        'friction.yaml': yaml('items:', '  - key: PAY-1', '    title: t', '    quotes:', '      - text: q', '        date: 2026-10-02', '    updated: 2026-11-01'),
      });
      assert.deepEqual(data.problems, []);
      assert.equal(data.items[0]?.quotes[0]?.date, '2026-10-02');
      assert.equal(data.items[0]?.updatedAt, '2026-11-01');
    });
  });

  describe('the sample workspace', () => {
    it('loads 20 items and 10 touchpoints without a single problem', async () => {
      const data = await loadLocalData(SAMPLE_ROOT, async (filePath) => readFile(filePath, 'utf8'));
      assert.deepEqual(data.problems, []);
      assert.equal(data.items.length, 20);
      assert.equal(data.touchpoints.length, 10);
      assert.equal(data.mappings.length, 6);
      assert.equal(data.config.repository, 'acme/payments');
      assert.deepEqual(data.config.keyPrefixes, ['PAY', 'CHK', 'BIL']);
      const defaults = data.items.find((item) => item.key === 'CHK-220');
      assert.equal(defaults?.severity, 'medium');
      assert.equal(defaults?.impact.customers, 0);
      assert.equal(data.items.find((item) => item.key === 'PAY-101')?.quotes[0]?.date, '2026-10-02');
      assert.deepEqual(
        data.touchpoints.filter((t) => t.friction.includes('PAY-101')).map((t) => t.id),
        ['TP-1', 'TP-2', 'TP-3', 'TP-7'],
      );
    });
  });
});

describe('parseYamlFile', () => {
  it('gives the zero-based line of a nested value, or of its nearest ancestor', () => {
    const file = parseYamlFile('/x.yaml', yaml('items:', '  - key: A', '    title: t'));
    assert.equal(file.positionOf(['items', 0, 'title']).line, 2);
    assert.equal(file.positionOf(['items', 0, 'missing']).line, 1);
    assert.equal(file.positionOf(['items', 1]).line, 0);
    assert.deepEqual(file.positionOf([]), { line: 0, character: 0 });
    assert.equal(file.problemAt(['items', 0, 'key'], 'warning', 'w').line, 1);
  });

  it('reports a duplicate mapping key as a syntax problem', () => {
    const file = parseYamlFile('/x.yaml', yaml('a: 1', 'a: 2'));
    assert.equal(file.syntaxProblems.length, 1);
    assert.equal(file.syntaxProblems[0]?.line, 1);
    assert.equal(file.syntaxProblems[0]?.severity, 'error');
  });
});
