/**
 * Customer PII is redacted in what we show (DESIGN.md, "Security and privacy"): hovers show
 * what a customer said, not how to reach them.
 */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** 13–19 digits, optionally grouped by spaces or dashes: the shape of a payment card number. */
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
/** An optional `+`, then at least 9 digits with the usual separators. */
const PHONE = /(?<![\w])\+?\(?\d(?:[\d ().-]{7,}\d)(?![\w])/g;

const DATE = /\d{4}-\d{2}-\d{2}/;

export function redactPii(text: string): string {
  return text
    .replace(EMAIL, '[email redacted]')
    .replace(CARD, '[card number redacted]')
    // Dates and times (2026-10-02 14:30, date ranges) have as many digits as a phone number.
    .replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 9 && !DATE.test(match) ? '[phone redacted]' : match));
}
