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
  showCustomerContext: 'customerLens.showCustomerContext',
  createConfig: 'customerLens.createConfig',
  // Item actions of the views' context menus: they take the tree node (or a key).
  openInPanel: 'customerLens.openInPanel',
  openInTracker: 'customerLens.openInTracker',
  copyKey: 'customerLens.copyKey',
  // Friction view toolbar.
  frictionRefresh: 'customerLens.friction.refresh',
  frictionGroupByFile: 'customerLens.friction.groupByFile',
  frictionGroupByJourney: 'customerLens.friction.groupByJourney',
  frictionFilter: 'customerLens.friction.filter',
  frictionClearFilter: 'customerLens.friction.clearFilter',
  thisFileRefresh: 'customerLens.thisFile.refresh',
  // Trackers: Connect takes an optional tracker name (the sync status bar item passes one).
  connectTracker: 'customerLens.connectTracker',
  disconnectTracker: 'customerLens.disconnectTracker',
  syncNow: 'customerLens.syncNow',
} as const;

/** View ids, as contributed in package.json. */
export const ViewIds = {
  friction: 'customerLens.friction',
  thisFile: 'customerLens.thisFile',
} as const;
