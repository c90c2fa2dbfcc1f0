import picomatch from 'picomatch';
import type { MappingRule } from '../local/localData';

interface CompiledRule {
  readonly rule: MappingRule;
  readonly matches: (relativePath: string) => boolean;
}

/** The globs of `links.yaml`, compiled once per load. */
export class MappingRules {
  private readonly compiled: readonly CompiledRule[];

  constructor(rules: readonly MappingRule[]) {
    this.compiled = rules.map((rule) => ({ rule, matches: picomatch(rule.glob, { dot: true }) }));
  }

  get size(): number {
    return this.compiled.length;
  }

  /** The rules whose glob matches a repo-relative posix path. */
  forFile(relativePath: string): MappingRule[] {
    const rules: MappingRule[] = [];
    for (const { rule, matches } of this.compiled) if (matches(relativePath)) rules.push(rule);
    return rules;
  }

  /** Whether one rule's glob matches a repo-relative posix path. */
  matches(rule: MappingRule, relativePath: string): boolean {
    return this.compiled.some((compiled) => compiled.rule === rule && compiled.matches(relativePath));
  }

  forItem(key: string): MappingRule[] {
    return this.compiled.filter(({ rule }) => rule.itemKey === key).map(({ rule }) => rule);
  }

  all(): MappingRule[] {
    return this.compiled.map(({ rule }) => rule);
  }
}
