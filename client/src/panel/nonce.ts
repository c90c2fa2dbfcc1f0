import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce for every render: 144 random bits, base64 (no padding at this length). */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}
