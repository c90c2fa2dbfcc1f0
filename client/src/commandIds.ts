import { ClientCommands } from '../../server/src/protocol';

/**
 * Every command id the client registers. The two the server puts into hovers and CodeLens
 * come from the shared protocol so the ids cannot drift apart.
 */
export const CommandIds = {
  openItem: ClientCommands.openItem,
  searchFrictionItems: ClientCommands.searchFrictionItems,
  showOutput: 'customerLens.showOutput',
  restartServer: 'customerLens.restartServer',
} as const;
