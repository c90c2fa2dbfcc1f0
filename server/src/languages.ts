/**
 * What the server knows about a file from its name: how its comments are written and which
 * tree-sitter grammar (if any) finds its symbols. One table, so the scanner and the symbol
 * resolver never disagree about a language.
 */

export type CommentStyle = 'c' | 'hash' | 'python' | 'ruby' | 'sql' | 'lua' | 'markup' | 'css' | 'shell';
export type GrammarName = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java' | 'c-sharp' | 'rust' | 'ruby';

export interface LanguageInfo {
  readonly id: string;
  readonly comments: CommentStyle;
  readonly grammar?: GrammarName;
  /** `'x'` is a character literal, not a string (C family, Rust, Go): keeps `'a` lifetimes harmless. */
  readonly charLiterals?: boolean;
}

const typescript: LanguageInfo = { id: 'typescript', comments: 'c', grammar: 'typescript' };
const tsx: LanguageInfo = { id: 'typescriptreact', comments: 'c', grammar: 'tsx' };
const javascript: LanguageInfo = { id: 'javascript', comments: 'c', grammar: 'javascript' };
const cFamily = (id: string, grammar?: GrammarName): LanguageInfo => ({ id, comments: 'c', charLiterals: true, ...(grammar && { grammar }) });
const shell: LanguageInfo = { id: 'shellscript', comments: 'shell' };
const hash = (id: string): LanguageInfo => ({ id, comments: 'hash' });
const markup = (id: string): LanguageInfo => ({ id, comments: 'markup' });

const BY_EXTENSION: ReadonlyMap<string, LanguageInfo> = new Map([
  ['.ts', typescript],
  ['.mts', typescript],
  ['.cts', typescript],
  ['.tsx', tsx],
  ['.js', javascript],
  ['.mjs', javascript],
  ['.cjs', javascript],
  ['.jsx', { id: 'javascriptreact', comments: 'c', grammar: 'javascript' }],
  ['.py', { id: 'python', comments: 'python', grammar: 'python' }],
  ['.pyi', { id: 'python', comments: 'python', grammar: 'python' }],
  ['.go', cFamily('go', 'go')],
  ['.java', cFamily('java', 'java')],
  ['.cs', cFamily('csharp', 'c-sharp')],
  ['.rs', cFamily('rust', 'rust')],
  ['.rb', { id: 'ruby', comments: 'ruby', grammar: 'ruby' }],
  ['.c', cFamily('c')],
  ['.h', cFamily('c')],
  ['.cc', cFamily('cpp')],
  ['.cpp', cFamily('cpp')],
  ['.hpp', cFamily('cpp')],
  ['.kt', cFamily('kotlin')],
  ['.kts', cFamily('kotlin')],
  ['.swift', cFamily('swift')],
  ['.scala', cFamily('scala')],
  ['.dart', cFamily('dart')],
  ['.php', { id: 'php', comments: 'c' }],
  ['.proto', cFamily('proto3')],
  ['.sh', shell],
  ['.bash', shell],
  ['.zsh', shell],
  ['.ps1', hash('powershell')],
  ['.pl', hash('perl')],
  ['.r', hash('r')],
  ['.yaml', hash('yaml')],
  ['.yml', hash('yaml')],
  ['.toml', hash('toml')],
  ['.tf', { id: 'terraform', comments: 'c' }],
  ['.sql', { id: 'sql', comments: 'sql' }],
  ['.lua', { id: 'lua', comments: 'lua' }],
  ['.hs', { id: 'haskell', comments: 'lua' }],
  ['.html', markup('html')],
  ['.htm', markup('html')],
  ['.xml', markup('xml')],
  ['.vue', { id: 'vue', comments: 'c' }],
  ['.svelte', { id: 'svelte', comments: 'c' }],
  ['.md', markup('markdown')],
  ['.markdown', markup('markdown')],
  ['.css', { id: 'css', comments: 'css' }],
  ['.scss', { id: 'scss', comments: 'c' }],
  ['.less', { id: 'less', comments: 'c' }],
]);

const BY_FILE_NAME: ReadonlyMap<string, LanguageInfo> = new Map([
  ['dockerfile', hash('dockerfile')],
  ['makefile', hash('makefile')],
  ['gemfile', { id: 'ruby', comments: 'ruby', grammar: 'ruby' }],
  ['rakefile', { id: 'ruby', comments: 'ruby', grammar: 'ruby' }],
  ['.bashrc', shell],
]);

/** The language of a file path (posix or native), or `undefined` when we do not scan such files. */
export function languageOfPath(filePath: string): LanguageInfo | undefined {
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  const name = filePath.slice(slash + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? BY_EXTENSION.get(name.slice(dot)) : undefined) ?? BY_FILE_NAME.get(name);
}
