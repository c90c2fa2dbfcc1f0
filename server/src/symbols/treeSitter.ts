import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';
import type { GrammarName } from '../languages';

/**
 * Loads the tree-sitter runtime and grammars once, on first use. In the bundle the wasm files
 * sit in `dist/grammars` (copied by scripts/build.mjs); when running from compiled sources
 * (tests) they come straight from the package.
 */
export class GrammarLoader {
  private runtime: Promise<void> | undefined;
  private readonly languages = new Map<GrammarName, Promise<Language>>();
  private readonly parsers = new Map<GrammarName, Parser>();

  constructor(private readonly directory: string = defaultGrammarDirectory()) {}

  async parser(grammar: GrammarName): Promise<Parser> {
    const existing = this.parsers.get(grammar);
    if (existing) return existing;
    const language = await this.language(grammar);
    const parser = this.parsers.get(grammar) ?? new Parser();
    parser.setLanguage(language);
    this.parsers.set(grammar, parser);
    return parser;
  }

  private language(grammar: GrammarName): Promise<Language> {
    let language = this.languages.get(grammar);
    if (!language) {
      language = this.init().then(() => Language.load(path.join(this.directory, `tree-sitter-${grammar}.wasm`)));
      // A failed load is not cached, so a later request can retry.
      language.catch(() => this.languages.delete(grammar));
      this.languages.set(grammar, language);
    }
    return language;
  }

  private init(): Promise<void> {
    this.runtime ??= Parser.init({ locateFile: (file: string) => path.join(this.directory, file) });
    return this.runtime;
  }

  dispose(): void {
    for (const parser of this.parsers.values()) parser.delete();
    this.parsers.clear();
  }
}

function defaultGrammarDirectory(): string {
  const bundled = path.join(__dirname, 'grammars');
  if (existsSync(path.join(bundled, 'tree-sitter.wasm'))) return bundled;
  return path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
}
