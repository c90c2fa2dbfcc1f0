import type { ExtensionContext } from 'vscode';
import { Container } from './container';

let container: Container | undefined;

export function activate(context: ExtensionContext): void {
  container = new Container(context);
  context.subscriptions.push(container);
  container.start();
}

export async function deactivate(): Promise<void> {
  await container?.stop();
  container = undefined;
}
