import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Never scanned, whatever `.gitignore` says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

interface ScopedMatcher {
  /** The folder whose `.gitignore` this is, relative to the root ('' for the root). */
  readonly base: string;
  readonly matcher: Ignore;
}

/**
 * `.gitignore` semantics for one workspace folder: the root's `.git/info/exclude` and every
 * `.gitignore` on the way down, each applying to paths below its own folder. The chain of
 * matchers is computed once per folder, so testing a file costs one match per `.gitignore`
 * that applies, not a walk up the tree.
 */
export class IgnoreRules {
  private readonly own = new Map<string, Ignore | null>();
  private readonly chains = new Map<string, readonly ScopedMatcher[]>();

  constructor(private readonly root: string) {}

  /** `relativePath` is posix and relative to the root; folders are tested with `isDirectory`. */
  isIgnored(relativePath: string, isDirectory: boolean): boolean {
    const slash = relativePath.lastIndexOf('/');
    const folder = slash < 0 ? '' : relativePath.slice(0, slash);
    if (ALWAYS_SKIPPED.has(relativePath.slice(slash + 1)) || folder.split('/').some((part) => ALWAYS_SKIPPED.has(part))) return true;
    for (const { base, matcher } of this.chainFor(folder)) {
      const rest = base ? relativePath.slice(base.length + 1) : relativePath;
      if (matcher.ignores(isDirectory ? `${rest}/` : rest)) return true;
    }
    return false;
  }

  static isSkippedName(name: string): boolean {
    return ALWAYS_SKIPPED.has(name);
  }

  /**
   * Tells whether `folder` has a `.gitignore`, from a directory listing the caller already has,
   * so folders without one cost no failed read.
   */
  noteFolder(folder: string, hasGitignore: boolean): void {
    if (!hasGitignore && folder !== '' && !this.own.has(folder)) this.own.set(folder, null);
  }

  /** Forget cached matchers, e.g. after a `.gitignore` changed. */
  reset(): void {
    this.own.clear();
    this.chains.clear();
  }

  /** The matchers that apply to entries of `folder`: its ancestors' and its own. */
  private chainFor(folder: string): readonly ScopedMatcher[] {
    let chain = this.chains.get(folder);
    if (chain) return chain;
    const parent = folder === '' ? [] : this.chainFor(folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '');
    const matcher = this.ownMatcher(folder);
    chain = matcher ? [...parent, { base: folder, matcher }] : parent;
    this.chains.set(folder, chain);
    return chain;
  }

  private ownMatcher(folder: string): Ignore | null {
    let matcher = this.own.get(folder);
    if (matcher !== undefined) return matcher;
    const patterns = [readOptional(path.join(this.root, folder, '.gitignore'))];
    if (folder === '') patterns.push(readOptional(path.join(this.root, '.git', 'info', 'exclude')));
    const text = patterns.filter((p): p is string => p !== undefined).join('\n');
    matcher = text.trim() ? ignore().add(text) : null;
    this.own.set(folder, matcher);
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
