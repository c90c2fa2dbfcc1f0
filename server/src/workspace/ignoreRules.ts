import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Never scanned, whatever `.gitignore` says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

/**
 * `.gitignore` semantics for one workspace folder: the root's `.git/info/exclude` and every
 * `.gitignore` on the way down, each applying to paths below its own folder. Matchers are read
 * once per folder and dropped when a `.gitignore` changes.
 */
export class IgnoreRules {
  private readonly matchers = new Map<string, Ignore | null>();

  constructor(private readonly root: string) {}

  /** `relativePath` is posix and relative to the root; folders are tested with `isDirectory`. */
  isIgnored(relativePath: string, isDirectory: boolean): boolean {
    const parts = relativePath.split('/');
    if (parts.some((part) => ALWAYS_SKIPPED.has(part))) return true;
    for (let depth = 0; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      const matcher = this.matcherFor(folder);
      if (!matcher) continue;
      const rest = parts.slice(depth).join('/') + (isDirectory ? '/' : '');
      if (matcher.ignores(rest)) return true;
    }
    return false;
  }

  static isSkippedName(name: string): boolean {
    return ALWAYS_SKIPPED.has(name);
  }

  /** Forget cached matchers, e.g. after a `.gitignore` changed. */
  reset(): void {
    this.matchers.clear();
  }

  private matcherFor(folder: string): Ignore | null {
    let matcher = this.matchers.get(folder);
    if (matcher !== undefined) return matcher;
    const patterns = [readOptional(path.join(this.root, folder, '.gitignore'))];
    if (folder === '') patterns.push(readOptional(path.join(this.root, '.git', 'info', 'exclude')));
    const text = patterns.filter((p): p is string => p !== undefined).join('\n');
    matcher = text.trim() ? ignore().add(text) : null;
    this.matchers.set(folder, matcher);
    return matcher;
  }
}

function readOptional(filePath: string): string | undefined {
  try {
    return readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
}
