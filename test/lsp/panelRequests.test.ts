import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol';
import {
  FileItemsRequest,
  ItemDetailsRequest,
  ItemsChangedNotification,
  LinkItemToSymbolRequest,
  ListItemsRequest,
  SymbolItemsRequest,
  type ItemDetail,
} from '../../server/src/protocol';
import { waitFor, type LspSession } from '../support/lspClient';
import { hoverKeys, markdownOf } from '../support/lspHover';
import { at, copySampleWorkspace, lineOf, type WorkspaceCopy } from '../support/lspWorkspace';
import { useSampleServer } from '../support/sampleServer';

const REFUND = 'src/payments/refund.ts';
const CHECKOUT = 'src/payments/checkout.ts';
const GO_CLIENT = 'clients/go/payments/client.go';
const LINKS = '.customer-lens/links.yaml';
const FRICTION = '.customer-lens/friction.yaml';

const relative = (session: LspSession, uri: string) => decodeURI(uri.slice(session.rootUri.length + 1));

describe('LSP: panel and view requests (read-only)', () => {
  const server = useSampleServer('suite');
  const details = (keys: string[]) => server.session.connection.sendRequest(ItemDetailsRequest.type, { keys });
  const symbolItems = (file: string, line: number, col: number) =>
    server.session.connection.sendRequest(SymbolItemsRequest.type, { uri: server.session.uri(file), position: at(line, col) });
  const fileItems = (file: string) => server.session.connection.sendRequest(FileItemsRequest.type, { uri: server.session.uri(file) });

  describe('customerLens/itemDetails', () => {
    let pay101: ItemDetail;
    before(async () => {
      const [detail, ...rest] = await details(['PAY-101']);
      assert.ok(detail);
      assert.equal(rest.length, 0);
      pay101 = detail;
    });

    it('gives PAY-101 with its fields and all three quotes, the e-mail redacted', () => {
      assert.equal(pay101.key, 'PAY-101');
      assert.equal(pay101.title, 'Refunds take 10 days to reach the card');
      assert.equal(pay101.severity, 'high');
      assert.equal(pay101.status, 'open');
      assert.equal(pay101.customers, 412);
      assert.equal(pay101.tickets, 57);
      assert.equal(pay101.journey, 'checkout > refund');
      assert.deepEqual(pay101.labels, ['refunds', 'card-network']);
      assert.equal(pay101.url, 'https://tracker.example.com/browse/PAY-101');
      assert.ok(pay101.summary.startsWith('Refunds are accepted straight away'), pay101.summary);
      assert.equal(pay101.quotes.length, 3);
      assert.deepEqual(pay101.quotes[0], { text: 'I was charged twice and waited two weeks for the refund.', customer: 'Northwind Traders', date: '2026-10-02' });
      const second = pay101.quotes[1]?.text ?? '';
      assert.ok(!second.includes('jane.doe@northwind.example'), second);
      assert.ok(second.includes('[email redacted]'), second);
      assert.deepEqual(pay101.pullRequests, []);
    });

    it('gives the four touchpoints about PAY-101', () => {
      assert.deepEqual(pay101.touchpoints.map((touchpoint) => touchpoint.id).sort(), ['TP-1', 'TP-2', 'TP-3', 'TP-7']);
      const tp7 = pay101.touchpoints.find((touchpoint) => touchpoint.id === 'TP-7');
      assert.equal(tp7?.format, 'support-rotation');
      assert.equal(tp7?.customer, 'Northwind Traders');
      assert.equal(tp7?.engineer, 'dana@example.com', 'the engineer is not customer PII');
      assert.ok(tp7 && !('friction' in tp7), 'touchpoint details carry no key list');
    });

    it('gives the linked code locations, RefundService.issue among them', () => {
      const rows = pay101.locations.map((location) => `${relative(server.session, location.uri)} ${location.symbol ?? 'file-level'} ${location.origin}`).sort();
      assert.deepEqual(rows, [
        'clients/go/payments/client.go Client.Refund annotation',
        'db/migrations/004_refund_status.sql file-level annotation',
        'docs/runbook.md file-level annotation',
        'src/payments/refund.ts RefundService.issue annotation',
        'src/payments/refund.ts RefundService.issue tracker-ref',
        'src/payments/refund.ts RefundService.submitToNetwork annotation',
      ]);
    });

    it('leaves out the javascript: url of PAY-666 and keeps its hostile text plain', async () => {
      const [pay666] = await details(['PAY-666']);
      assert.ok(pay666);
      assert.ok(!('url' in pay666), JSON.stringify(pay666.url));
      assert.ok(pay666.title.includes('<img src=x onerror=alert(1)>'), 'text stays as written, for the panel to show as text');
      assert.ok(pay666.quotes.length > 0);
    });

    it('skips unknown keys and ranks the rest, each once', async () => {
      const result = await details(['PAY-120', 'NOPE-1', 'PAY-101', 'PAY-110', 'PAY-101', 'UTF-8']);
      assert.deepEqual(
        result.map((detail) => detail.key),
        ['PAY-110', 'PAY-101', 'PAY-120'],
      );
      assert.deepEqual(await details(['NOPE-1']), []);
      assert.deepEqual(await details([]), []);
    });

    it('redacts the phone number of PAY-180 and the card number of PAY-110', async () => {
      const result = await details(['PAY-180', 'PAY-110']);
      const text = JSON.stringify(result.map((detail) => detail.quotes));
      assert.ok(!text.includes('+1 415 555 0134'), text);
      assert.ok(!text.includes('4111 1111 1111 1111'), text);
      assert.ok(text.includes('[phone redacted]') && text.includes('[card number redacted]'), text);
    });
  });

  describe('customerLens/symbolItems', () => {
    it('answers inside the body of RefundService.issue, not only on its name', async () => {
      const body = lineOf(REFUND, "status: 'pending',");
      const result = await symbolItems(REFUND, body, 7);
      assert.equal(result?.symbol, 'RefundService.issue');
      assert.deepEqual(result?.keys, ['PAY-101']);
      assert.equal(result?.range.startLine, 34, 'the range starts at the leading comment (line 35)');
      assert.ok((result?.range.endLine ?? 0) >= body - 1);
      assert.deepEqual(await symbolItems(REFUND, 36, 9), result, 'on the name: the same answer');
    });

    it('answers inside Client.Refund (Go) with PAY-101 and PAY-120, ranked', async () => {
      const result = await symbolItems(GO_CLIENT, 48, 5);
      assert.equal(result?.symbol, 'Client.Refund');
      assert.deepEqual(result?.keys, ['PAY-101', 'PAY-120']);
    });

    it('answers one key for a key in a comment, with no symbol', async () => {
      const result = await symbolItems(REFUND, 69, 26);
      assert.deepEqual(result, { range: { startLine: 68, startCharacter: 24, endLine: 68, endCharacter: 31 }, keys: ['PAY-120'] });
    });

    it('answers null on an unlinked line, in a file that is not open, and outside the workspace', async () => {
      assert.equal(await symbolItems(REFUND, 2, 1), null, 'an import');
      assert.equal(await symbolItems(CHECKOUT, 24, 3), null, 'inside the unlinked class CheckoutController, outside its methods');
      assert.equal(await symbolItems('src/util/dates.ts', 1, 1), null);
      assert.equal(await server.session.connection.sendRequest(SymbolItemsRequest.type, { uri: 'file:///nowhere/x.ts', position: at(1, 1) }), null);
    });
  });

  describe('customerLens/fileItems', () => {
    it('groups src/payments/refund.ts by symbol, in file order, items ranked and summarized', async () => {
      const groups = await fileItems(REFUND);
      assert.deepEqual(
        groups.map((group) => [group.symbol, group.range.startLine + 1, group.items.map((item) => item.key)]),
        [
          ['RefundService.issue', 36, ['PAY-101']],
          ['RefundService.retry', 53, ['PAY-110']],
          ['RefundService.submitToNetwork', 70, ['PAY-101', 'PAY-120']],
        ],
      );
      const pay101 = groups[0]?.items[0];
      const listed = (await server.session.connection.sendRequest(ListItemsRequest.type, {})).find((item) => item.key === 'PAY-101');
      assert.deepEqual(pay101, listed, 'the same summary as the Friction view, link count included');
      assert.equal(pay101?.linkCount, 4, 'refund.ts, client.go, the SQL migration and the runbook');
      assert.ok(pay101 && !('quotes' in pay101));
    });

    it('puts the file-level group first, without a symbol (src/billing/invoice.ts)', async () => {
      const groups = await fileItems('src/billing/invoice.ts');
      assert.deepEqual(
        groups.map((group) => [group.symbol ?? 'file-level', group.items.map((item) => item.key)]),
        [
          ['file-level', ['BIL-301']],
          ['InvoiceRenderer.render', ['BIL-305', 'PAY-666']],
        ],
      );
      assert.ok(groups[0] && !('symbol' in groups[0]));
    });

    it('gives a file without links, a missing file and a file outside the workspace no groups', async () => {
      assert.deepEqual(await fileItems('src/util/dates.ts'), []);
      assert.deepEqual(await fileItems('src/nope.ts'), []);
      assert.deepEqual(await server.session.connection.sendRequest(FileItemsRequest.type, { uri: 'file:///nowhere/x.ts' }), []);
    });

    it('answers from the editor for an open document with unsaved text', async () => {
      const file = 'src/util/dates.ts';
      const line = lineOf(file, 'export function formatDate');
      const text = server.workspace.read(file).split('\n');
      text.splice(line - 1, 0, '// friction: CHK-215');
      await server.session.openDocument(file, text.join('\n'));
      try {
        const groups = await waitFor(async () => {
          const found = await fileItems(file);
          return found.length > 0 ? found : undefined;
        }, { what: 'the unsaved annotation' });
        assert.deepEqual(
          groups.map((group) => [group.symbol, group.items.map((item) => item.key)]),
          [['formatDate', ['CHK-215']]],
        );
      } finally {
        await server.session.closeDocument(file);
      }
    });
  });

  describe('customerLens/linkItemToSymbol errors', () => {
    const link = (key: string, file: string, line: number, col: number) =>
      server.session.connection.sendRequest(LinkItemToSymbolRequest.type, { key, uri: server.session.uri(file), position: at(line, col) });
    const messageOf = (result: LinkItemToSymbolRequest.Result): string => {
      assert.equal(result.kind, 'error', JSON.stringify(result));
      return result.kind === 'error' ? result.message : '';
    };

    it('refuses an unknown item', async () => {
      assert.match(messageOf(await link('NOPE-1', CHECKOUT, 41, 7)), /Unknown friction item 'NOPE-1'/);
    });

    it('refuses a position outside every symbol, suggesting an annotation', async () => {
      const message = messageOf(await link('CHK-215', CHECKOUT, 2, 1));
      assert.match(message, /No function, method or class at line 2 of src\/payments\/checkout\.ts/);
      assert.match(message, /friction: CHK-215/);
    });

    it('refuses a file with no symbols (SQL), suggesting an annotation', async () => {
      assert.match(messageOf(await link('PAY-101', 'db/migrations/004_refund_status.sql', 2, 1)), /no symbols in db\/migrations\/004_refund_status\.sql.*friction: PAY-101/);
    });

    it('refuses a file outside every workspace folder', async () => {
      const uri = pathToFileURL('/nowhere/elsewhere.ts').href;
      const result = await server.session.connection.sendRequest(LinkItemToSymbolRequest.type, { key: 'CHK-215', uri, position: at(1, 1) });
      assert.match(messageOf(result), /elsewhere\.ts is not in a workspace folder/);
    });

    it('refuses Customer Lens data files', async () => {
      assert.match(messageOf(await link('CHK-215', FRICTION, 2, 3)), /Customer Lens data/);
    });
  });
});

describe('LSP: customerLens/linkItemToSymbol', () => {
  const server = useSampleServer('test');
  const link = (key: string, file: string, line: number, col: number) =>
    server.session.connection.sendRequest(LinkItemToSymbolRequest.type, { key, uri: server.session.uri(file), position: at(line, col) });

  it('adds CHK-215 to CheckoutController.submit, keeping the comments; the hover shows it once the file is written', async () => {
    const original = server.workspace.read(LINKS);
    const withComments = `# Reviewed in PRs like code.\n${original.replace('  - item: PAY-150', '  # Java clients, whole files.\n  - item: PAY-150')}`;
    server.workspace.write(LINKS, withComments);
    await server.session.openDocument(CHECKOUT);
    assert.deepEqual(hoverKeys(markdownOf(await server.session.hover(CHECKOUT, at(35, 9)))), ['CHK-204']);

    const result = await link('CHK-215', CHECKOUT, lineOf(CHECKOUT, 'const total = this.total(cart);'), 7);
    assert.equal(result.kind, 'edit', JSON.stringify(result));
    if (result.kind !== 'edit') return;
    assert.equal(result.linksFileUri, server.session.uri(LINKS));
    assert.equal(result.created, false);
    assert.equal(result.symbol, 'CheckoutController.submit');
    assert.equal(result.path, CHECKOUT);
    assert.equal(server.workspace.read(LINKS), withComments, 'the server only computes the edit');
    assert.ok(result.newText.startsWith(withComments), `existing content kept verbatim:\n${result.newText}`);
    assert.equal(result.newText.slice(withComments.length), '\n  - item: CHK-215\n    path: src/payments/checkout.ts\n    symbol: CheckoutController.submit\n');

    server.workspace.write(LINKS, result.newText);
    await server.session.watchedFilesChanged([LINKS, FileChangeType.Changed]);
    const keys = await waitFor(async () => {
      const found = hoverKeys(markdownOf(await server.session.hover(CHECKOUT, at(35, 9))));
      return found.includes('CHK-215') ? found : undefined;
    }, { what: 'CHK-215 in the hover on submit' });
    assert.deepEqual(keys, ['CHK-204', 'CHK-215']);
    assert.deepEqual(server.session.diagnostics.get(server.session.uri(LINKS)) ?? [], [], 'the new entry has no problems');

    // The same link again is refused.
    const again = await link('CHK-215', CHECKOUT, 36, 5);
    assert.deepEqual(again, { kind: 'error', message: 'CHK-215 is already linked to CheckoutController.submit in src/payments/checkout.ts by .customer-lens/links.yaml.' });
  });

  it('links a symbol that is not linked yet, reading links.yaml from an unsaved editor', async () => {
    const unsaved = 'links:\n  - item: BIL-301\n    path: src/billing/**\n';
    await server.session.openDocument(LINKS, unsaved);
    const result = await link('CHK-215', 'src/util/dates.ts', lineOf('src/util/dates.ts', 'export function formatDate') + 1, 3);
    assert.equal(result.kind, 'edit', JSON.stringify(result));
    if (result.kind !== 'edit') return;
    assert.equal(result.symbol, 'formatDate');
    assert.equal(result.newText, `${unsaved}  - item: CHK-215\n    path: src/util/dates.ts\n    symbol: formatDate\n`);
  });

  it('creates links.yaml when there is none', async () => {
    rmSync(server.workspace.file(LINKS));
    const result = await link('CHK-215', CHECKOUT, 41, 7);
    assert.deepEqual(result, {
      kind: 'edit',
      linksFileUri: server.session.uri(LINKS),
      created: true,
      newText: 'links:\n  - item: CHK-215\n    path: src/payments/checkout.ts\n    symbol: CheckoutController.submit\n',
      symbol: 'CheckoutController.submit',
      path: CHECKOUT,
    });
    assert.ok(!existsSync(server.workspace.file(LINKS)), 'the client creates the file, not the server');
  });

  it('refuses to touch a links.yaml that does not parse', async () => {
    const broken = 'links:\n  - item: CHK-210\n    path: "src/payments/checkout.ts\n';
    server.workspace.write(LINKS, broken);
    const result = await link('CHK-215', CHECKOUT, 41, 7);
    assert.equal(result.kind, 'error');
    assert.match(result.kind === 'error' ? result.message : '', /\.customer-lens\/links\.yaml does not parse .*left unchanged/);
    assert.equal(server.workspace.read(LINKS), broken);
  });
});

describe('LSP: customerLens/itemsChanged', () => {
  const server = useSampleServer('test');

  it('is sent after friction.yaml changes, once the new items can be fetched', async () => {
    const seen: string[] = [];
    server.session.connection.onNotification(ItemsChangedNotification.type, () => {
      // What a view does on the notification: fetch again.
      void server.session.connection.sendRequest(ItemDetailsRequest.type, { keys: ['PAY-101'] }).then((details) => seen.push(details[0]?.title ?? '?'));
    });
    const before = server.workspace.read(FRICTION);
    server.workspace.write(FRICTION, before.replace('title: Refunds take 10 days to reach the card', 'title: Refunds now reach the card in 3 days'));
    await server.session.watchedFilesChanged([FRICTION, FileChangeType.Changed]);
    const titles = await waitFor(() => (seen.at(-1) === 'Refunds now reach the card in 3 days' ? seen : undefined), { what: 'an itemsChanged after which the new title is served' });
    assert.ok(titles.length >= 1);
  });

  it('coalesces a burst of edits into few notifications', async () => {
    let count = 0;
    server.session.connection.onNotification(ItemsChangedNotification.type, () => {
      count++;
    });
    const file = 'src/util/dates.ts';
    const text = server.workspace.read(file);
    await server.session.openDocument(file);
    await new Promise((resolve) => setTimeout(resolve, 600));
    count = 0;
    for (let i = 1; i <= 10; i++) await server.session.changeDocument(file, `// friction: CHK-215 edit ${i}\n${text}`);
    await waitFor(() => count > 0, { what: 'an itemsChanged after the edits' });
    // One refresh for the edits, and possibly one more after the links.yaml check that follows them.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.ok(count >= 1 && count <= 2, `${count} notifications for 10 edits`);
  });
});

describe('LSP: the customerLens.ranking setting', () => {
  let settings: unknown;
  const server = useSampleServer('test', false);
  // PAY-160 (high, 75 customers) added to Client.Refund: by severity it comes before PAY-120
  // (medium, 260), by customers after it.
  const ANNOTATED = (text: string) => text.replace('// friction: PAY-101\nfunc (c *Client) Refund', '// friction: PAY-101, PAY-160\nfunc (c *Client) Refund');

  const start = async (initial: unknown): Promise<LspSession> => {
    settings = initial;
    const session = await server.start({ workspace: { configuration: true } }, { configuration: (item) => (item.section === 'customerLens' ? settings : null) });
    const text = ANNOTATED(server.workspace.read(GO_CLIENT));
    assert.ok(text.includes('PAY-160'), 'the annotation was added');
    await session.openDocument(GO_CLIENT, text);
    return session;
  };

  it('severity (the default) ranks Client.Refund PAY-101, PAY-160, PAY-120', async () => {
    const s = await start({});
    assert.deepEqual(hoverKeys(markdownOf(await s.hover(GO_CLIENT, at(36, 18)))), ['PAY-101', 'PAY-160', 'PAY-120']);
    assert.deepEqual((await s.codeLens(GO_CLIENT))[0]?.command?.arguments, [['PAY-101', 'PAY-160', 'PAY-120']]);
  });

  it('customers ranks hover, CodeLens, symbolItems, fileItems, itemDetails and listItems by customers', async () => {
    const s = await start({ ranking: 'customers' });
    const expected = ['PAY-101', 'PAY-120', 'PAY-160'];
    assert.deepEqual(hoverKeys(markdownOf(await s.hover(GO_CLIENT, at(36, 18)))), expected);
    assert.deepEqual((await s.codeLens(GO_CLIENT))[0]?.command?.arguments, [expected]);
    const uri = s.uri(GO_CLIENT);
    assert.deepEqual((await s.connection.sendRequest(SymbolItemsRequest.type, { uri, position: at(45, 3) }))?.keys, expected);
    assert.deepEqual(
      (await s.connection.sendRequest(FileItemsRequest.type, { uri }))[0]?.items.map((item) => item.key),
      expected,
    );
    assert.deepEqual(
      (await s.connection.sendRequest(ItemDetailsRequest.type, { keys: ['PAY-160', 'PAY-120', 'PAY-101'] })).map((detail) => detail.key),
      expected,
    );
    const listed = await s.connection.sendRequest(ListItemsRequest.type, {});
    const customers = listed.map((item) => item.customers);
    assert.deepEqual(customers, [...customers].sort((a, b) => b - a), 'most customers first');
    assert.deepEqual(
      listed.slice(0, 3).map((item) => item.key),
      ['CHK-204', 'PAY-110', 'CHK-215'],
    );
  });

  it('switches after workspace/didChangeConfiguration', async () => {
    const s = await start({ ranking: 'customers' });
    assert.deepEqual(hoverKeys(markdownOf(await s.hover(GO_CLIENT, at(36, 18)))), ['PAY-101', 'PAY-120', 'PAY-160']);
    settings = { ranking: 'severity' };
    await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(async () => {
      const keys = hoverKeys(markdownOf(await s.hover(GO_CLIENT, at(36, 18))));
      return keys[1] === 'PAY-160' ? keys : undefined;
    }, { what: 'the severity order' });
  });

  it('falls back to severity for an unknown value', async () => {
    const s = await start({ ranking: 'loudest' });
    assert.deepEqual(hoverKeys(markdownOf(await s.hover(GO_CLIENT, at(36, 18)))), ['PAY-101', 'PAY-160', 'PAY-120']);
  });
});

describe('LSP: panel requests across workspace folders', () => {
  const server = useSampleServer('test', false);
  let second: WorkspaceCopy | undefined;
  afterEach(() => second?.remove());

  it('merges an item known to two folders: the first folder\'s fields, the code and touchpoints of both', async () => {
    const session = await server.start({ workspace: { workspaceFolders: true } });
    const copy = (second = copySampleWorkspace());
    copy.write(FRICTION, copy.read(FRICTION).replace('title: Refunds take 10 days to reach the card', 'title: The second folder says otherwise'));
    const secondUri = pathToFileURL(copy.root).href;
    await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: secondUri, name: 'second' }], removed: [] } });
    await waitFor(() => session.statuses.some((status) => status.folders === 2 && status.state === 'ready'), { timeoutMs: 10000, what: 'both folders indexed' });

    const [detail, ...rest] = await session.connection.sendRequest(ItemDetailsRequest.type, { keys: ['PAY-101'] });
    assert.equal(rest.length, 0, 'one item per key');
    assert.equal(detail?.title, 'Refunds take 10 days to reach the card');
    const inFolder = (root: string) => detail?.locations.filter((location) => location.uri.startsWith(`${root}/`)).length;
    assert.equal(inFolder(session.rootUri), 6);
    assert.equal(inFolder(secondUri), 6);
    assert.deepEqual(detail?.touchpoints.map((touchpoint) => touchpoint.id).sort(), ['TP-1', 'TP-2', 'TP-3', 'TP-7'], 'the same touchpoints once');

    const listed = await session.connection.sendRequest(ListItemsRequest.type, {});
    assert.equal(listed.length, 20);
    const pay101 = listed.find((item) => item.key === 'PAY-101');
    assert.equal(pay101?.title, 'Refunds take 10 days to reach the card', 'listItems keeps the first folder\'s fields too');
    assert.equal(pay101?.linkCount, 8);

    // fileItems and symbolItems answer from the folder of the file.
    const groups = await session.connection.sendRequest(FileItemsRequest.type, { uri: `${secondUri}/${REFUND}` });
    assert.equal(groups[0]?.items[0]?.title, 'The second folder says otherwise');
  });
});
