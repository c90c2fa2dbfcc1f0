import type { CustomerQuote } from './frictionItem';

/**
 * A support ticket, customer need or feedback note attached to friction items (DESIGN.md,
 * "Domain model"). It adds to an item's `tickets` and `customers` and contributes quotes.
 */
export interface Evidence {
  /** `<source>:<id>`, e.g. `zendesk:35436`. */
  readonly id: string;
  readonly source: string;
  /** Keys of the items this evidence is about (a ticket may name several). */
  readonly itemKeys: readonly string[];
  /** Who it came from: counted once per item, however many tickets they opened. */
  readonly customer?: string;
  readonly quote?: CustomerQuote;
  readonly url?: string;
  readonly updatedAt: string;
}
