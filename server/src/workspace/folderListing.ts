import { readdirSync } from 'node:fs';
import path from 'node:path';
import { IgnoreRules } from './ignoreRules';

export type FolderListing =
  | { readonly kind: 'listed'; readonly files: string[]; readonly folders: string[] }
  | { readonly kind: 'unreadable'; readonly message: string };

/**
 * The files and sub-folders of one folder that the index should see: `.gitignore`d entries,
 * `node_modules` and VCS folders are left out, and symbolic links are not followed (they can
 * loop and can leave the workspace). Paths are repo-relative with `/`.
 */
export function listFolder(root: string, folder: string, ignoreRules: IgnoreRules): FolderListing {
  let entries;
  try {
    entries = readdirSync(path.join(root, folder), { withFileTypes: true });
  } catch (error) {
    return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
  }
  ignoreRules.noteFolder(folder, entries.some((entry) => entry.name === '.gitignore'));
  const files: string[] = [];
  const folders: string[] = [];
  for (const entry of entries) {
    if (IgnoreRules.isSkippedName(entry.name)) continue;
    const relativePath = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!ignoreRules.isIgnored(relativePath, true)) folders.push(relativePath);
    } else if (entry.isFile() && !ignoreRules.isIgnored(relativePath, false)) {
      files.push(relativePath);
    }
  }
  return { kind: 'listed', files, folders };
}
