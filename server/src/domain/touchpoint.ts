/** What an engineer learned from a customer touchpoint (DESIGN.md, "Domain model"). */

export const TOUCHPOINT_FORMATS = ['empathy-session', 'support-rotation', 'ride-along', 'hackathon', 'other'] as const;
export type TouchpointFormat = (typeof TOUCHPOINT_FORMATS)[number];

export interface TouchpointInsight {
  readonly id: string;
  readonly format: TouchpointFormat;
  /** ISO date (YYYY-MM-DD). */
  readonly date: string;
  readonly engineer: string;
  readonly customer?: string;
  readonly summary: string;
  readonly quotes: readonly string[];
  /** Keys of the friction items this touchpoint is about. */
  readonly friction: readonly string[];
  readonly codeRefs?: readonly string[];
}
