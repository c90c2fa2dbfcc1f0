import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every `.ts` file reachable from `entries` through relative imports, with each import
 * specifier seen. Used to prove that client logic under test never imports `vscode`.
 */
export function walkImports(entries: readonly string[]): { readonly files: ReadonlySet<string>; readonly specifiers: ReadonlyMap<string, readonly string[]> } {
  const files = new Set<string>();
  const specifiers = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    const found: string[] = [];
    for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
      const specifier = match[1] ?? '';
      found.push(specifier);
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), `${specifier}.ts`));
    }
    specifiers.set(file, found);
  };
  for (const entry of entries) visit(entry);
  return { files, specifiers };
}
