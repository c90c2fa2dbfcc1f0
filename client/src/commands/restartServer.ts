import { window } from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { Container } from '../container';

export async function restartServer(container: Container): Promise<void> {
  const { client } = container;
  if (client.isRunning()) {
    await client.restart();
  } else if (client.state === State.Starting) {
    // The client cannot stop a connection that is still being set up.
    void window.showInformationMessage('Customer Lens: the language server is still starting.');
  } else {
    await client.start();
  }
}
