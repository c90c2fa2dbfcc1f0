/**
 * Validation of `customerLens.openItem` arguments. They arrive from command URIs in hovers
 * and CodeLens, so they are untrusted input: anything but `[keys: string[]]` is refused.
 */

/** Far above any hover's item count; stops a crafted link from fanning out into many requests. */
export const MAX_OPEN_ITEM_KEYS = 100;

/** Longest argument text written to the log, so a crafted link cannot flood it. */
const MAX_DESCRIBED_LENGTH = 200;

/** The distinct keys to open, or `undefined` when the arguments are not `[keys: string[]]`. */
export function parseOpenItemArgs(args: readonly unknown[]): readonly string[] | undefined {
  const [keys] = args;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_OPEN_ITEM_KEYS) {
    return undefined;
  }
  const result: string[] = [];
  for (const key of keys as readonly unknown[]) {
    if (typeof key !== 'string' || key.trim() === '') {
      return undefined;
    }
    if (!result.includes(key)) {
      result.push(key);
    }
  }
  return result;
}

/** A short, single-line rendering of rejected arguments for the log. */
export function describeArgs(args: readonly unknown[]): string {
  let text: string;
  try {
    text = JSON.stringify(args);
  } catch {
    // Cyclic or BigInt values cannot be serialised; their shape is not worth more effort.
    text = '<unserialisable arguments>';
  }
  return text.length > MAX_DESCRIBED_LENGTH ? `${text.slice(0, MAX_DESCRIBED_LENGTH)}…` : text;
}
