import picomatch from 'picomatch';
import type { MappingRule } from '../local/localData';

/** The globs of `links.yaml`, compiled once per load. */
export class MappingRules {
  /** Each rule's compiled glob, in file order; a map, since callers ask about one rule at a time in rule × file loops. */
  private readonly compiled: ReadonlyMap<MappingRule, (relativePath: string) => boolean>;

  constructor(rules: readonly MappingRule[]) {
    this.compiled = new Map(rules.map((rule) => [rule, picomatch(rule.glob, { dot: true })]));
  }

  /** The rules whose glob matches a repo-relative posix path. */
  forFile(relativePath: string): MappingRule[] {
    const rules: MappingRule[] = [];
    for (const [rule, matches] of this.compiled) if (matches(relativePath)) rules.push(rule);
    return rules;
  }

  /** Whether one rule's glob matches a repo-relative posix path. */
  matches(rule: MappingRule, relativePath: string): boolean {
    return this.compiled.get(rule)?.(relativePath) ?? false;
  }

  forItem(key: string): MappingRule[] {
    return this.all().filter((rule) => rule.itemKey === key);
  }

  all(): MappingRule[] {
    return [...this.compiled.keys()];
  }
}
