import assert from 'node:assert/strict';
import { wikiMarkupToText } from '../../server/src/trackers/jira/wikiMarkup';
import { generateIssues, plainText } from '../fakes/jira/jiraData';
import { seededRandom } from '../fakes/seededRandom';
import { toWiki } from '../fakes/jira/jiraRender';

describe('wikiMarkupToText (Jira Data Center descriptions)', () => {
  it('drops code and noformat markers but keeps their content verbatim', () => {
    const text = wikiMarkupToText('Before\n{code:title=Refund.java|borderStyle=solid}\nsrc/payments/refund.ts#RefundService.issue\n*not bold* [not|a link]\n{code}\n{noformat}raw _text_{noformat}\nAfter');
    assert.equal(text, 'Before\nsrc/payments/refund.ts#RefundService.issue\n*not bold* [not|a link]\nraw _text_\nAfter');
  });

  it('reads headings, quotes, emphasis and links as their text', () => {
    assert.equal(wikiMarkupToText('h1. Refunds are slow\nbq. quoted\nIt is *really* _very_ slow, see [the runbook|https://wiki.acme.com/rb] or [https://acme.com] and ask [~dana].'), 'Refunds are slow\nquoted\nIt is really very slow, see the runbook or https://acme.com and ask @dana.');
    assert.equal(wikiMarkupToText('{{monospace}} ??cited?? -struck- +under+ ^sup^ ~sub~'), 'monospace cited struck under sup sub');
  });

  it('leaves words with markup characters inside alone', () => {
    assert.equal(wikiMarkupToText('re-issue the refund_service_call in a*b*c at 5*3 and src/check-out/cart_page.ts'), 're-issue the refund_service_call in a*b*c at 5*3 and src/check-out/cart_page.ts');
  });

  it('renders bullet and numbered lists, nested, like the ADF conversion', () => {
    assert.equal(wikiMarkupToText('* one\n** one.a\n* two\n- dash\n# first\n# second\n## second.a\n# third\nafter\n# again'), '- one\n  - one.a\n- two\n- dash\n1. first\n2. second\n  1. second.a\n3. third\nafter\n1. again');
  });

  it('removes colour markers and images, keeping the text', () => {
    assert.equal(wikiMarkupToText('{color:red}Urgent{color}: see !screenshot.png! and !error.gif|thumbnail! now. Wow! Great!'), 'Urgent: see  and  now. Wow! Great!');
  });

  it('writes tables as lines of cells and honours forced line breaks', () => {
    assert.equal(wikiMarkupToText('||customer||tickets||\n|Northwind|[12|https://zd/12]|\nline one\\\\line two'), 'customer | tickets\nNorthwind | 12\nline one\nline two');
  });

  it('matches the plain text of every description the fake generates', () => {
    for (const issue of generateIssues(200, { seed: 7 })) {
      if (issue.description) assert.equal(wikiMarkupToText(toWiki(issue.description)), plainText(issue.description), issue.key);
    }
  });

  it('never throws on garbage', () => {
    const garbage: unknown[] = [null, undefined, 42, {}, [], '', '{code', '{code}unclosed', '[', '[|]', '[~]', '!!', '****', '# ', '||', '\\\\\\', '{color}', 'h1.', '\u0000\uffff'];
    for (const value of garbage) assert.equal(typeof wikiMarkupToText(value), 'string', String(value));
    assert.equal(wikiMarkupToText(null), '');
  });

  it('survives random markup (seeded) quickly', () => {
    const random = seededRandom(5);
    const pieces = ['*', '_', '{code}', '{noformat}', '[', ']', '|', '!', 'a.png', '~', '-', '#', '\n', ' ', 'word', '{color:red}', '\\\\', 'h2. ', '??', '{{', '}}'];
    const started = Date.now();
    for (let run = 0; run < 300; run++) {
      const text = Array.from({ length: 200 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      assert.equal(typeof wikiMarkupToText(text), 'string');
    }
    assert.equal(typeof wikiMarkupToText(`*${'a '.repeat(50_000)}`), 'string');
    assert.ok(Date.now() - started < 3_000, 'no catastrophic backtracking');
  });
});
