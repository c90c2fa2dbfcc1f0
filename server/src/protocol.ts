/**
 * Every custom message between the Customer Lens client and server, declared once and
 * shared by both sides (the vscode-eslint pattern). Standard LSP (hover, codeLens,
 * documentLink, diagnostics) needs no declaration here.
 *
 * This file is imported by the client bundle, so it may only import
 * `vscode-languageserver-protocol` types that both sides have — never `vscode` or Node.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { FrictionStatus, Severity } from './domain/frictionItem';
import type { LinkOrigin, TextRange } from './domain/link';

/** What lists and pickers show of an item: enough to rank and filter, no quotes. */
export interface ItemSummary {
  readonly key: string;
  readonly title: string;
  readonly source: string;
  readonly status: FrictionStatus;
  readonly severity: Severity;
  readonly customers: number;
  readonly tickets: number;
  readonly labels: readonly string[];
  readonly journey?: string;
  readonly url?: string;
  /** Files in the workspace linked to the item (a `links.yaml` symbol rule counts the files its glob matches). */
  readonly linkCount: number;
}

export interface ItemLocation {
  readonly uri: string;
  readonly range: TextRange;
  readonly symbol?: string;
  readonly origin: LinkOrigin;
}

/** Sent by the client: every known item, ranked by impact. */
export namespace ListItemsRequest {
  export const method = 'customerLens/listItems';
  export type Params = Record<string, never>;
  export type Result = ItemSummary[];
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the client: one item and the code locations linked to it. */
export namespace ItemLocationsRequest {
  export const method = 'customerLens/itemLocations';
  export interface Params {
    readonly key: string;
  }
  export interface Result {
    readonly item: ItemSummary | null;
    readonly locations: ItemLocation[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

export type IndexState = 'starting' | 'indexing' | 'ready';

/** Sent by the server whenever the index changes state or its counts change. */
export namespace IndexStatusNotification {
  export const method = 'customerLens/indexStatus';
  export interface Params {
    readonly state: IndexState;
    readonly folders: number;
    readonly files: number;
    readonly items: number;
    readonly links: number;
    /** Problems in `.customer-lens/*.yaml`, also published as diagnostics. */
    readonly problems: number;
  }
  export const type = new NotificationType<Params>(method);
}

/** Commands the server puts in hovers and CodeLens; the client implements them. */
export const ClientCommands = {
  /** Arguments: `[keys: string[]]`. Shows the item(s) in Customer Lens. */
  openItem: 'customerLens.openItem',
  searchFrictionItems: 'customerLens.searchFrictionItems',
} as const;
