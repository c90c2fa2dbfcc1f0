/**
 * Customer PII is redacted in what we show (DESIGN.md, "Security and privacy"): hovers show
 * what a customer said, not how to reach them.
 */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
/** 13–19 digits, optionally grouped by spaces or dashes: the shape of a payment card number. */
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
/** An optional `+`, then at least 9 digits with the usual separators. */
const PHONE = /(?<![\w])\+?\(?\d(?:[\d ().-]{7,}\d)(?![\w])/g;

export function redactPii(text: string): string {
  return text
    .replace(EMAIL, '[email redacted]')
    .replace(CARD, '[card number redacted]')
    .replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 9 ? '[phone redacted]' : match));
}
