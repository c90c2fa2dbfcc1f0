import assert from 'node:assert/strict';
import { pagesUpToLast, parseLinkHeader } from '../../server/src/trackers/github/linkHeader';

describe('GitHub Link header', () => {
  it('reads every relation of a header as GitHub writes it (prev, next, last, first)', () => {
    const header =
      '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", ' +
      '<https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first"';
    assert.deepEqual(Object.fromEntries(parseLinkHeader(header)), {
      prev: 'https://api.github.com/repositories/1300192/issues?page=2',
      next: 'https://api.github.com/repositories/1300192/issues?page=4',
      last: 'https://api.github.com/repositories/1300192/issues?page=515',
      first: 'https://api.github.com/repositories/1300192/issues?page=1',
    });
  });

  it('keeps commas and semicolons inside the URL, accepts unquoted and multiple relation types', () => {
    const links = parseLinkHeader('<https://ghe.acme.com/api/v3/repositories/7/issues?labels=a,b;c&page=2>;rel=next, <https://x.test/?page=3>; title="t, u"; rel="last alternate"');
    assert.equal(links.get('next'), 'https://ghe.acme.com/api/v3/repositories/7/issues?labels=a,b;c&page=2');
    assert.equal(links.get('last'), 'https://x.test/?page=3');
    assert.equal(links.get('alternate'), 'https://x.test/?page=3');
  });

  it('is empty for a missing or malformed header, and ignores entries without rel', () => {
    assert.equal(parseLinkHeader(undefined).size, 0);
    assert.equal(parseLinkHeader('').size, 0);
    assert.equal(parseLinkHeader('garbage; rel="next"').size, 0);
    assert.deepEqual([...parseLinkHeader('<https://a.test/?page=2>; title="x", <https://a.test/?page=3>; rel="last"').keys()], ['last']);
  });

  it('plans pages 2…last from the last URL, keeping its query and path prefix', () => {
    assert.deepEqual(pagesUpToLast('https://ghe.acme.com/api/v3/repositories/7/issues?state=all&since=2026-01-01T00%3A00%3A00Z&page=4'), [
      'https://ghe.acme.com/api/v3/repositories/7/issues?state=all&since=2026-01-01T00%3A00%3A00Z&page=2',
      'https://ghe.acme.com/api/v3/repositories/7/issues?state=all&since=2026-01-01T00%3A00%3A00Z&page=3',
      'https://ghe.acme.com/api/v3/repositories/7/issues?state=all&since=2026-01-01T00%3A00%3A00Z&page=4',
    ]);
  });

  it('plans nothing when the last URL has no usable page number (the pages are then walked)', () => {
    assert.equal(pagesUpToLast('https://api.github.com/repositories/1/issues?after=Y3Vyc29y'), undefined);
    assert.equal(pagesUpToLast('https://api.github.com/repositories/1/issues?page=one'), undefined);
    assert.equal(pagesUpToLast('https://api.github.com/repositories/1/issues?page=1'), undefined);
    assert.equal(pagesUpToLast('https://api.github.com/repositories/1/issues?page=99999999'), undefined, 'absurd counts are not planned');
    assert.equal(pagesUpToLast('not a url'), undefined);
  });
});
