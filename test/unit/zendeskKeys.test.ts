import assert from 'node:assert/strict';
import { ticketItemKeys } from '../../server/src/trackers/zendesk/zendeskKeys';
import { firstParagraph, mapTickets, QUOTE_LIMIT } from '../../server/src/trackers/zendesk/zendeskTicket';

const mapping = { tagPrefix: 'friction-', keyField: 42 };
const keys = (tags: string[], customFields: { id: number; value?: unknown }[] = []) => ticketItemKeys({ tags, customFields }, mapping);

describe('Zendesk ticket → item keys', () => {
  it('reads tags <prefix><key>, upper-casing the key and keeping its dash', () => {
    assert.deepEqual(keys(['vip', 'friction-pay-101', 'friction-checkout_2-42']), ['PAY-101', 'CHECKOUT_2-42']);
  });

  it('matches the prefix whatever its case (Zendesk lower-cases tags)', () => {
    assert.deepEqual(ticketItemKeys({ tags: ['friction-pay-7'], customFields: [] }, { tagPrefix: 'Friction-' }), ['PAY-7']);
    assert.deepEqual(keys(['FRICTION-PAY-8']), ['PAY-8']);
  });

  it('reads one or several keys from the key field, comma, semicolon or space separated', () => {
    assert.deepEqual(keys([], [{ id: 42, value: 'pay-101, OPS-7;checkout-42  PAY-102' }]), ['PAY-101', 'OPS-7', 'CHECKOUT-42', 'PAY-102']);
  });

  it('reads a multi-select key field whose option values are tags, with or without the prefix', () => {
    assert.deepEqual(keys([], [{ id: 42, value: ['friction-pay-101', 'ops-7'] }]), ['PAY-101', 'OPS-7']);
  });

  it('ignores other fields, and the key field when no keyField is configured', () => {
    assert.deepEqual(keys([], [{ id: 41, value: 'PAY-1' }]), []);
    assert.deepEqual(ticketItemKeys({ tags: [], customFields: [{ id: 42, value: 'PAY-1' }] }, { tagPrefix: 'friction-' }), []);
  });

  it('names each key once, tags first', () => {
    assert.deepEqual(keys(['friction-pay-101', 'friction-pay-101'], [{ id: 42, value: 'PAY-102 pay-101' }]), ['PAY-101', 'PAY-102']);
  });

  it('ignores garbage: bare prefixes, non-keys, numbers, null, objects', () => {
    assert.deepEqual(keys(['friction-', 'friction-not-a-key', 'friction-123', 'friction-pay-', 'pay-101', 'jira_escalated']), []);
    for (const value of [null, 12, { key: 'PAY-1' }, 'n/a', '', '-1', [3, null]]) assert.deepEqual(keys([], [{ id: 42, value }]), [], JSON.stringify(value));
  });
});

describe('Zendesk ticket → evidence', () => {
  const ticket = (overrides: Record<string, unknown> = {}) => ({
    id: 35436,
    status: 'open',
    description: 'The refund never arrived.\nOrder 1.\n\nMore details.',
    tags: ['friction-pay-101'],
    custom_fields: [],
    requester_id: 20978392,
    organization_id: 509974,
    created_at: '2026-10-02T09:00:00Z',
    updated_at: '2026-10-03T10:00:00Z',
    ...overrides,
  });
  const options = { site: 'https://acme.zendesk.com', tagPrefix: 'friction-', keyField: 42, tombstones: false };
  const none = { users: new Map<number, string>(), organizations: new Map<number, string>() };

  it('names the organization, else the requester, from the sideloads', () => {
    const named = mapTickets([ticket()], { users: new Map([[20978392, 'Ann']]), organizations: new Map([[509974, 'Northwind Traders']]) }, options);
    assert.deepEqual(named.evidence, [
      {
        id: 'zendesk:35436',
        source: 'zendesk',
        itemKeys: ['PAY-101'],
        customer: 'Northwind Traders',
        quote: { text: 'The refund never arrived. Order 1.', customer: 'Northwind Traders', date: '2026-10-02' },
        url: 'https://acme.zendesk.com/agent/tickets/35436',
        updatedAt: '2026-10-03T10:00:00.000Z',
      },
    ]);
    assert.equal(mapTickets([ticket({ organization_id: null })], { users: new Map([[20978392, 'Ann']]), organizations: new Map() }, options).evidence[0]?.customer, 'Ann');
  });

  it('without sideloaded names, counts customers by an opaque id and quotes without a name', () => {
    const [byOrganization] = mapTickets([ticket()], none, options).evidence;
    assert.equal(byOrganization?.customer, 'zendesk-org:509974');
    assert.equal(byOrganization?.quote?.customer, undefined);
    assert.equal(mapTickets([ticket({ organization_id: null })], none, options).evidence[0]?.customer, 'zendesk-user:20978392');
  });

  it('leaves out unlinked and deleted tickets in a full run, and tombstones them in an incremental one', () => {
    const tickets = [ticket({ id: 1, tags: [] }), { id: 2, status: 'deleted', updated_at: '2026-10-04T00:00:00Z' }];
    const full = mapTickets(tickets, none, options);
    assert.deepEqual(full.evidence, []);
    assert.equal(full.newestUpdate, '2026-10-04T00:00:00.000Z', 'every ticket moves the watermark');
    assert.deepEqual(mapTickets(tickets, none, { ...options, tombstones: true }).evidence.map((entry) => [entry.id, entry.itemKeys]), [
      ['zendesk:1', []],
      ['zendesk:2', []],
    ]);
  });

  it('skips a ticket that violates the schema, reporting it, and keeps the others', () => {
    const result = mapTickets([ticket({ id: 1, tags: 'friction-pay-1' }), ticket({ id: 2 }), 'junk'], none, options);
    assert.deepEqual(result.evidence.map((entry) => entry.id), ['zendesk:2']);
    assert.deepEqual(result.skipped, [
      { id: 'zendesk:1', reason: 'tags: Invalid input: expected array, received string' },
      { id: 'zendesk:#2', reason: 'Invalid input: expected object, received string' },
    ]);
  });

  it('quotes the first paragraph as plain text, trimmed to the limit at a word', () => {
    assert.equal(firstParagraph('\n\n  Hello\r\n  world \r\n\r\nsecond'), 'Hello world');
    assert.equal(firstParagraph('   '), '');
    const long = firstParagraph(`${'word '.repeat(100)}\n\nrest`);
    assert.ok(long.length <= QUOTE_LIMIT);
    assert.match(long, /^word( word)+…$/);
    assert.equal(mapTickets([ticket({ description: '' })], none, options).evidence[0]?.quote, undefined);
  });

  it('ends a paragraph at a blank line whatever the line ends (a lone \\r too), never at a single \\r\\n', () => {
    assert.equal(firstParagraph('one\r\ntwo\r \rthree'), 'one two');
    assert.equal(firstParagraph(' \t\r\n\t\r\n\u0007\r\n\nsecond\u0000line\n\nthird'), 'second line');
    assert.equal(firstParagraph('a\r\n\t\r\nb'), 'a');
  });

  it('reads times as Date does: Zendesk’s own format directly, and any other, or a day past the 28th, through a Date', () => {
    const updatedAt = (value: string) => mapTickets([ticket({ updated_at: value })], none, options).evidence[0]?.updatedAt;
    assert.equal(updatedAt('2026-11-21T00:46:33Z'), '2026-11-21T00:46:33.000Z');
    assert.equal(updatedAt('2026-02-29T10:00:00Z'), '2026-03-01T10:00:00.000Z', 'Date rolls an invalid day over');
    assert.equal(updatedAt('2026-01-31T24:00:00Z'), '2026-02-01T00:00:00.000Z');
    assert.equal(updatedAt('2026-11-21T01:46:33+01:00'), '2026-11-21T00:46:33.000Z');
    assert.deepEqual(mapTickets([ticket({ id: 7, updated_at: '2026-13-01T00:00:00Z' })], none, options).skipped, [{ id: 'zendesk:7', reason: 'updated_at: not a timestamp: 2026-13-01T00:00:00Z' }]);
  });
});
