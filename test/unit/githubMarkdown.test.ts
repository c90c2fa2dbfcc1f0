import assert from 'node:assert/strict';
import { MAX_SUMMARY_LENGTH, markdownToText } from '../../server/src/trackers/github/githubMarkdown';

describe('GitHub markdown → plain text', () => {
  it('keeps link text and drops the markup around it, reporting the targets', () => {
    const result = markdownToText('See [the dashboard](https://status.example.com/x "Status") and [docs][1].\n\n[1]: https://docs.example.com');
    assert.equal(result.text, 'See the dashboard and docs.');
    assert.deepEqual(result.links, ['https://docs.example.com', 'https://status.example.com/x']);
  });

  it('strips images, including linked ones and HTML <img>', () => {
    assert.equal(markdownToText('Before ![screenshot](https://img.test/a.png) after').text, 'Before  after');
    assert.equal(markdownToText('[![badge](https://img.test/b.svg)](https://ci.test)\nText').text, 'Text');
    assert.equal(markdownToText('<img width="200" src="https://img.test/c.png" alt="x">Caption').text, 'Caption');
  });

  it('keeps the content of code fences and inline code verbatim', () => {
    const body = 'Steps:\n```ts\nconst a = [x](y); // **not bold**\n# not a heading\n```\nThen `**raw**` and done.';
    assert.equal(markdownToText(body).text, 'Steps:\nconst a = [x](y); // **not bold**\n# not a heading\nThen **raw** and done.');
    assert.equal(markdownToText('~~~\nunclosed fence\n# stays').text, 'unclosed fence\n# stays');
  });

  it('drops headings markers, emphasis, quotes markers, rules, HTML tags and template comments', () => {
    const body = '## What happens\r\n**Refunds** take ~~5~~ 10 days.\r\n> "I waited two weeks"\r\n---\r\n<details><summary>Logs</summary>\r\nlog line\r\n</details>\r\n<!-- Please fill in the template -->';
    assert.equal(markdownToText(body).text, 'What happens\nRefunds take 5 10 days.\n"I waited two weeks"\n\nLogs\nlog line');
  });

  it('leaves prose that only looks like markup alone', () => {
    assert.equal(markdownToText('Use Array<string> and snake_case_names with a * b; 1 < 2 > 0').text, 'Use Array<string> and snake_case_names with a * b; 1 < 2 > 0');
    assert.equal(markdownToText('Autolink <https://acme.test/a> and \\*escaped\\* &amp; &lt;b&gt;').text, 'Autolink https://acme.test/a and *escaped* & <b>');
    assert.equal(markdownToText('&amp;lt; is how you write &lt; and &#39;&quot;&nbsp;&copy;').text, `&lt; is how you write < and '" &copy;`);
  });

  it('is empty for an empty body and cuts very long bodies', () => {
    assert.equal(markdownToText('').text, '');
    const long = markdownToText('x'.repeat(MAX_SUMMARY_LENGTH * 2)).text;
    assert.equal(long.length, MAX_SUMMARY_LENGTH);
    assert.ok(long.endsWith('…'));
  });
});
