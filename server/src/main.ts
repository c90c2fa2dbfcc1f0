import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const USAGE = `customer-lens-server: the Customer Lens language server.

Usage: customer-lens-server --stdio          (or --node-ipc, --socket=<port>, --pipe=<name>)

Speaks the Language Server Protocol. The workspace comes from the client's rootUri or
workspaceFolders; friction items are read from each folder's .customer-lens/ files.`;

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || !args.some((arg) => transports.some((t) => arg.startsWith(t)))) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}

const connection = createConnection(ProposedFeatures.all);
// User data must never bring the server down: log what escaped and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
startServer(connection);
