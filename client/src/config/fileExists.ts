import { FileSystemError, workspace, type Uri } from 'vscode';

/** Whether a file or folder exists; errors other than "not found" are thrown, not mistaken for absence. */
export async function fileExists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof FileSystemError && error.code === 'FileNotFound') {
      return false;
    }
    throw error;
  }
}
