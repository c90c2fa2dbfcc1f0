import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * This repository's GitHub `owner/name`, from the `origin` remote in `.git/config` (read
 * directly: no git process on the startup path). `undefined` without such a remote.
 */
export async function githubRepositoryOf(root: string): Promise<string | undefined> {
  let config: string;
  try {
    config = await readFile(path.join(root, '.git', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const origin = /\[remote "origin"\]([^[]*)/.exec(config)?.[1];
  const url = origin && /^\s*url\s*=\s*(\S+)/m.exec(origin)?.[1];
  if (!url) return undefined;
  const match = /github\.com[:/]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
