import assert from 'node:assert/strict';
import { ItemCatalog } from '../../server/src/catalog/itemCatalog';
import type { FrictionItem } from '../../server/src/domain/frictionItem';
import { codeLensTitle, renderItemsHover, type HoverOptions } from '../../server/src/render/hoverMarkdown';
import { commandLink, escapeMarkdown, safeUrl, truncate } from '../../server/src/render/markdown';
import { redactPii } from '../../server/src/render/redact';
import { frictionItem, impact, touchpoint } from '../support/builders';
import { assertInertMarkdown as assertInert, commandLinksIn as commandLinks, keysShown as shownKeys, OPEN_ITEM_COMMAND as OPEN_ITEM, plainText as plain } from '../support/markdownAssertions';

const OPTIONS: HoverOptions = { maxItems: 3, redact: true };

function render(items: FrictionItem[], options: Partial<HoverOptions> = {}, catalog = ItemCatalog.of(items, [], [], 1)): string {
  return renderItemsHover(
    items.map((item) => item.key),
    catalog,
    { ...OPTIONS, ...options },
  );
}

describe('hover markdown', () => {
  describe('ranking and limits', () => {
    const items = [
      frictionItem({ key: 'LOW-1', severity: 'low', impact: impact(9000) }),
      frictionItem({ key: 'HIGH-1', severity: 'high', impact: impact(100) }),
      frictionItem({ key: 'CRIT-1', severity: 'critical', impact: impact(3) }),
      frictionItem({ key: 'HIGH-2', severity: 'high', impact: impact(412) }),
      frictionItem({ key: 'MED-1', severity: 'medium', impact: impact(50) }),
    ];
    const catalog = ItemCatalog.of(items, [], [], 1);
    const ranked = catalog.ranked(items.map((item) => item.key));

    it('shows critical before high, then the most customers first', () => {
      assert.deepEqual(shownKeys(render(ranked, { maxItems: 5 }, catalog)), ['CRIT-1', 'HIGH-2', 'HIGH-1', 'MED-1', 'LOW-1']);
    });

    it('shows at most maxItems, then a "+N more" link that opens them all', () => {
      const markdown = render(ranked, { maxItems: 3 }, catalog);
      assert.deepEqual(shownKeys(markdown), ['CRIT-1', 'HIGH-2', 'HIGH-1']);
      const more = commandLinks(markdown).find((link) => link.label === '+2 more');
      assert.ok(more, markdown);
      assert.equal(more.command, OPEN_ITEM);
      assert.deepEqual(more.args, [['CRIT-1', 'HIGH-2', 'HIGH-1', 'MED-1', 'LOW-1']]);
    });

    it('has no "more" link when every item fits', () => {
      assert.doesNotMatch(render(ranked.slice(0, 3), {}, catalog), /more/);
    });

    it('separates items with rules', () => {
      assert.equal(render(ranked, { maxItems: 3 }, catalog).split('\n\n---\n\n').length, 4);
    });
  });

  describe('one item', () => {
    const item = frictionItem({
      key: 'PAY-101',
      title: 'Refunds take 10 days to reach the card',
      severity: 'high',
      status: 'in-progress',
      impact: impact(412, 57),
      url: 'https://tracker.example.com/browse/PAY-101',
      quotes: [
        { text: 'I was charged twice and waited two weeks for the refund.', customer: 'Northwind Traders', date: '2026-10-02' },
        { text: 'A second quote is not shown.' },
      ],
    });
    const touchpoints = [touchpoint({ id: 'TP-1', friction: ['PAY-101'] }), touchpoint({ id: 'TP-2', friction: ['PAY-101', 'PAY-120'] })];
    const catalog = ItemCatalog.of([item], touchpoints, [], 1);
    const markdown = render([item], {}, catalog);

    it('links the key to the tracker and shows the title', () => {
      assert.ok(markdown.startsWith('**[PAY\\-101](https://tracker.example.com/browse/PAY-101)** Refunds take 10 days to reach the card'), markdown);
    });

    it('shows severity, status, customers, tickets and touchpoint count', () => {
      assert.match(plain(markdown), /🟠 high · in-progress · 412 customers · 57 tickets · 2 touchpoint insights/);
    });

    it('says "1 customer", "1 ticket" and "1 touchpoint insight" in the singular, and omits zero touchpoints', () => {
      const one = frictionItem({ key: 'A-1', impact: impact(1, 1) });
      assert.match(plain(render([one], {}, ItemCatalog.of([one], [touchpoint({ friction: ['A-1'] })], [], 1))), /· 1 customer · 1 ticket · 1 touchpoint insight$/m);
      assert.doesNotMatch(render([one]), /touchpoint/);
    });

    it('shows the first customer quote with who said it and when', () => {
      assert.match(plain(markdown), /^> “I was charged twice and waited two weeks for the refund\.” — Northwind Traders, 2026-10-02$/m);
      assert.doesNotMatch(markdown, /second quote/);
    });

    it('shortens a long quote on a word boundary', () => {
      const long = frictionItem({ quotes: [{ text: `${'word '.repeat(60)}end` }] });
      const quote = plain(render([long])).split('\n').find((line) => line.startsWith('> '));
      assert.ok(quote);
      assert.ok(quote.length < 170, quote);
      assert.match(quote, /word…”$/);
    });

    it('opens the item in Customer Lens through our own command only', () => {
      const links = commandLinks(markdown);
      assert.deepEqual(links, [{ label: 'Open in Customer Lens', command: OPEN_ITEM, args: [['PAY-101']] }]);
      assertInert(markdown);
    });
  });

  describe('hostile tracker text', () => {
    const hostile = frictionItem({
      key: 'PAY-666',
      title: 'Receipt shows raw markup <img src=x onerror=alert(1)>',
      summary: '<script>alert(1)</script> [click me](command:workbench.action.quit)',
      url: 'javascript:alert(1)',
      journey: 'receipt > <b>view</b>',
      labels: ['<i>xss</i>'],
      quotes: [{ text: '[click me](command:workbench.action.quit) <script>alert(1)</script> javascript:alert(1)', customer: '<b>Tailspin Toys</b>', date: '2026-10-25' }],
    });

    it('comes out inert', () => {
      const markdown = render([hostile]);
      assertInert(markdown);
      assert.doesNotMatch(markdown, /\]\(command:workbench/);
    });

    it('renders the key of an item with a javascript: url without a link', () => {
      const markdown = render([hostile]);
      assert.ok(markdown.startsWith('**PAY\\-666** '), markdown);
      assert.doesNotMatch(markdown, /javascript:alert/i, 'the url is not shown at all');
    });

    it('still shows the hostile text, as text', () => {
      const text = plain(render([hostile]));
      assert.match(text, /Receipt shows raw markup <img src=x onerror=alert\(1\)>/);
      assert.match(text, /\[click me\]\(command:workbench\.action\.quit\) <script>alert\(1\)<\/script>/);
      assert.match(text, /— <b>Tailspin Toys<\/b>, 2026-10-25/);
    });

    it('does not link urls other than http(s)', () => {
      for (const url of ['file:///etc/passwd', 'command:workbench.action.quit', 'vscode://settings', 'data:text/html,<b>x</b>', ' JAVASCRIPT:alert(1)', 'not a url']) {
        const markdown = render([frictionItem({ key: 'X-1', url })]);
        assert.ok(markdown.startsWith('**X\\-1** '), `${url}: ${markdown}`);
        assertInert(markdown);
      }
    });

    it('keeps a crafted key inside the open-item link', () => {
      // Keys are tracker text too. A blank line in the link title must not end the link and
      // let the rest of the key render as markdown.
      const key = 'PAY-1\n\n[x](command:workbench.action.quit) <img src=x onerror=alert(1)>';
      const markdown = render([frictionItem({ key, title: 'Refunds', url: undefined })]);
      assertInert(markdown);
    });

    it('keeps a key with a parenthesis inside its command link target', () => {
      // An unbalanced `)` left unencoded ends the link target early, cutting the JSON arguments.
      const key = 'acme/app#17 (beta)) ';
      const markdown = render([frictionItem({ key, title: 'Refunds', url: undefined })]);
      const target = /\]\(command:customerLens\.openItem\?([^\s)]*)/.exec(markdown)?.[1];
      assert.ok(target !== undefined, markdown);
      let args: unknown;
      try {
        args = JSON.parse(decodeURIComponent(target));
      } catch {
        assert.fail(`the link target ends early, at '${decodeURIComponent(target)}':\n${markdown}`);
      }
      assert.deepEqual(args, [[key]]);
    });
  });

  describe('PII', () => {
    const pii = frictionItem({
      key: 'PAY-101',
      title: 'Refunds for jane.doe@northwind.example take 10 days',
      quotes: [{ text: 'Card 4111 1111 1111 1111 was refunded twice; call me on +1 415 555 0134.', customer: 'ops@northwind.example', date: '2026-10-02' }],
      impact: impact(412, 57),
    });

    it('redacts e-mail addresses, phone numbers and card numbers in hovers by default', () => {
      const text = plain(render([pii]));
      assert.doesNotMatch(text, /jane\.doe|northwind\.example|4111|415 555/);
      assert.match(text, /\[email redacted\]/);
      assert.match(text, /\[card number redacted\]/);
      assert.match(text, /\[phone redacted\]/);
      assert.match(text, /412 customers · 57 tickets/);
      assert.match(text, /, 2026-10-02$/m);
    });

    it('shows them when redaction is off', () => {
      const text = plain(render([pii], { redact: false }));
      assert.match(text, /jane\.doe@northwind\.example/);
      assert.match(text, /4111 1111 1111 1111/);
      assert.match(text, /\+1 415 555 0134/);
    });
  });
});

describe('redactPii', () => {
  it('redacts e-mail addresses', () => {
    assert.equal(redactPii('mail jane.doe+refunds@northwind.example now'), 'mail [email redacted] now');
  });

  it('redacts phone numbers in common shapes', () => {
    assert.equal(redactPii('call +1 415 555 0134.'), 'call [phone redacted].');
    assert.equal(redactPii('call (415) 555-0134 or +44 20 7946 0958'), 'call [phone redacted] or [phone redacted]');
  });

  it('redacts card-like numbers, grouped or not', () => {
    assert.equal(redactPii('card 4111 1111 1111 1111 twice'), 'card [card number redacted] twice');
    assert.equal(redactPii('card 4111-1111-1111-1111'), 'card [card number redacted]');
    assert.equal(redactPii('card 4111111111111111'), 'card [card number redacted]');
  });

  it('leaves ordinary counts, amounts, versions, keys and dates alone', () => {
    for (const text of ['412 customers, 57 tickets', 'Refunds since 2026-10-02', 'on 2026-10-02, again 2026-10-09', 'PAY-101 and CHK-204', 'v1.2.3', '$1,240.50 refunded', 'order 12345678', 'updated 2026-11-01T10:00:00Z']) {
      assert.equal(redactPii(text), text);
    }
  });

  it('leaves a date with a time of day, and a date range, alone', () => {
    for (const text of ['charged twice on 2026-10-02 14:30', 'from 2026-10-02 - 2026-10-09']) {
      assert.equal(redactPii(text), text);
    }
  });
});

describe('markdown helpers', () => {
  it('escapes every character CommonMark gives meaning to, and flattens line breaks', () => {
    assert.equal(escapeMarkdown('*a* _b_ [c](d) <e> `f` #g'), '\\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\<e\\> \\`f\\` \\#g');
    assert.equal(escapeMarkdown('one\n\n  two\r\nthree'), 'one two three');
    assert.equal(escapeMarkdown('a\\b'), 'a\\\\b');
  });

  it('accepts only http(s) urls, and encodes what would end a link target', () => {
    assert.equal(safeUrl('https://tracker.example.com/browse/PAY-101'), 'https://tracker.example.com/browse/PAY-101');
    assert.equal(safeUrl('http://x.example/a (b)'), 'http://x.example/a%20%28b%29');
    assert.equal(safeUrl('javascript:alert(1)'), undefined);
    assert.equal(safeUrl('mailto:a@b.c'), undefined);
    assert.equal(safeUrl(''), undefined);
    assert.equal(safeUrl(undefined), undefined);
  });

  it('builds command links with JSON arguments', () => {
    const link = commandLink('Open [it]', OPEN_ITEM, [['PAY-101']], 'Say "hi"');
    assert.equal(link, `[Open \\[it\\]](command:${OPEN_ITEM}?${encodeURIComponent('[["PAY-101"]]')} "Say hi")`);
  });

  it('truncates only text longer than the limit', () => {
    assert.equal(truncate('  short   text ', 20), 'short text');
    assert.equal(truncate('abcdefghij', 5), 'abcd…');
  });
});

/** What the lens counts of an item: its ranking fields. */
const ranking = (items: FrictionItem[]) => items.map((item) => ({ customers: item.impact.customers }));

describe('codeLensTitle', () => {
  it('counts items and adds up customers', () => {
    const items = [frictionItem({ key: 'A-1', impact: impact(400) }), frictionItem({ key: 'A-2', impact: impact(10) }), frictionItem({ key: 'A-3', impact: impact(2) })];
    assert.equal(codeLensTitle(ranking(items)), '3 friction items · 412 customers');
  });

  it('uses the singular for one item and one customer', () => {
    assert.equal(codeLensTitle(ranking([frictionItem({ impact: impact(1) })])), '1 friction item · 1 customer');
  });

  it('says 0 customers and groups thousands', () => {
    assert.equal(codeLensTitle(ranking([frictionItem({ impact: impact(0) })])), '1 friction item · 0 customers');
    assert.equal(codeLensTitle(ranking([frictionItem({ key: 'A-1', impact: impact(1240) }), frictionItem({ key: 'A-2', impact: impact(2000) })])), '2 friction items · 3,240 customers');
  });
});
