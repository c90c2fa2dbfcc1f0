import assert from 'node:assert/strict';
import { toItemDetail } from '../../server/src/features/itemDetail';
import type { ItemLocation } from '../../server/src/protocol';
import { frictionItem, impact, range, touchpoint } from '../support/builders';

const LOCATIONS: ItemLocation[] = [{ uri: 'file:///ws/src/refund.ts', range: range(35, 15, 35, 22), symbol: 'RefundService.issue', origin: 'annotation' }];

const item = frictionItem({
  key: 'PAY-101',
  title: 'Refunds are slow',
  summary: 'Merchants call +1 415 555 0134 or write to ops@northwind.example.',
  status: 'in-progress',
  rawStatus: 'In Progress',
  severity: 'high',
  impact: { customers: 412, tickets: 57, votes: 9, arr: 120000 },
  journey: 'checkout > refund',
  labels: ['refunds'],
  url: 'https://tracker.example.com/browse/PAY-101',
  updatedAt: '2026-11-01T10:00:00Z',
  quotes: [
    { text: 'Email me at jane.doe@northwind.example', customer: 'Northwind Traders', date: '2026-10-09' },
    { text: 'Ten days is an eternity.' },
  ],
});

const TOUCHPOINTS = [
  touchpoint({ id: 'TP-1', date: '2026-09-01', engineer: 'dana@example.com', customer: 'Contoso', summary: 'Called back 4111 1111 1111 1111.', quotes: ['Reach me on +44 20 7946 0958'], friction: ['PAY-101'] }),
  touchpoint({ id: 'TP-7', format: 'ride-along', date: '2026-10-14', engineer: 'lee@example.com', summary: 'Watched a refund.', friction: ['PAY-101'], codeRefs: ['src/refund.ts'] }),
];

describe('toItemDetail', () => {
  it('carries every field the panel shows, with PII redacted', () => {
    const detail = toItemDetail(item, LOCATIONS, TOUCHPOINTS, { redact: true });
    assert.deepEqual(detail, {
      key: 'PAY-101',
      title: 'Refunds are slow',
      source: 'local',
      status: 'in-progress',
      rawStatus: 'In Progress',
      severity: 'high',
      summary: 'Merchants call [phone redacted] or write to [email redacted].',
      journey: 'checkout > refund',
      customers: 412,
      tickets: 57,
      votes: 9,
      arr: 120000,
      labels: ['refunds'],
      url: 'https://tracker.example.com/browse/PAY-101',
      updatedAt: '2026-11-01T10:00:00Z',
      quotes: [{ text: 'Email me at [email redacted]', customer: 'Northwind Traders', date: '2026-10-09' }, { text: 'Ten days is an eternity.' }],
      locations: LOCATIONS,
      touchpoints: [
        { id: 'TP-7', format: 'ride-along', date: '2026-10-14', engineer: 'lee@example.com', summary: 'Watched a refund.', quotes: [] },
        { id: 'TP-1', format: 'support-rotation', date: '2026-09-01', engineer: 'dana@example.com', customer: 'Contoso', summary: 'Called back [card number redacted].', quotes: ['Reach me on [phone redacted]'] },
      ],
      pullRequests: [],
    });
  });

  it('keeps the text as written when redaction is off', () => {
    const detail = toItemDetail(item, [], TOUCHPOINTS, { redact: false });
    assert.equal(detail.summary, item.summary);
    assert.equal(detail.quotes[0]?.text, 'Email me at jane.doe@northwind.example');
    assert.equal(detail.touchpoints[1]?.summary, 'Called back 4111 1111 1111 1111.');
    assert.deepEqual(detail.touchpoints[1]?.quotes, ['Reach me on +44 20 7946 0958']);
  });

  it('keeps hostile text as plain text (the panel never renders it as HTML)', () => {
    const hostile = frictionItem({ key: 'PAY-666', title: '<img src=x onerror=alert(1)>', summary: '<script>alert(1)</script> [x](command:workbench.action.quit)' });
    const detail = toItemDetail(hostile, [], [], { redact: true });
    assert.equal(detail.title, '<img src=x onerror=alert(1)>');
    assert.equal(detail.summary, '<script>alert(1)</script> [x](command:workbench.action.quit)');
  });

  it('leaves out a url that is not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'not a url', '']) {
      const detail = toItemDetail(frictionItem({ url }), [], [], { redact: true });
      assert.ok(!('url' in detail), url);
    }
    assert.ok(!('url' in toItemDetail(frictionItem({ url: undefined }), [], [], { redact: true })));
    assert.equal(toItemDetail(frictionItem({ url: 'http://tracker.example.com/A-1' }), [], [], { redact: true }).url, 'http://tracker.example.com/A-1');
  });

  it('leaves out optional fields the item does not have', () => {
    const detail = toItemDetail(frictionItem({ impact: impact(3) }), [], [], { redact: true });
    for (const field of ['journey', 'arr', 'updatedAt']) assert.ok(!(field in detail), field);
    assert.equal(detail.votes, 0);
  });

  it('lists touchpoints newest first, each once', () => {
    const again = touchpoint({ id: 'TP-1', date: '2026-09-01', summary: 'the same touchpoint from a second folder' });
    const older = touchpoint({ id: 'TP-0', date: '2025-01-01' });
    const detail = toItemDetail(item, [], [older, ...TOUCHPOINTS, again], { redact: true });
    assert.deepEqual(
      detail.touchpoints.map((tp) => tp.id),
      ['TP-7', 'TP-1', 'TP-0'],
    );
    assert.equal(detail.touchpoints[1]?.summary, 'Called back [card number redacted].');
  });
});
