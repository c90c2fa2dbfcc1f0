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
import type { TouchpointFormat } from './domain/touchpoint';

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

/** Everything the panel shows about one item. Tracker text is plain text; PII is already redacted. */
export interface ItemDetail {
  readonly key: string;
  readonly title: string;
  readonly source: string;
  readonly status: FrictionStatus;
  /** The tracker's own status name. */
  readonly rawStatus: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly journey?: string;
  readonly customers: number;
  readonly tickets: number;
  readonly votes: number;
  readonly arr?: number;
  readonly labels: readonly string[];
  /** Only `http(s)` URLs; absent otherwise. */
  readonly url?: string;
  readonly updatedAt?: string;
  readonly quotes: readonly { readonly text: string; readonly customer?: string; readonly date?: string }[];
  readonly locations: readonly ItemLocation[];
  readonly touchpoints: readonly TouchpointDetail[];
  /** Pull requests known to touch the item (none until PR analysis lands). */
  readonly pullRequests: readonly { readonly title: string; readonly url: string }[];
}

export interface TouchpointDetail {
  readonly id: string;
  readonly format: TouchpointFormat;
  readonly date: string;
  readonly engineer: string;
  readonly customer?: string;
  readonly summary: string;
  readonly quotes: readonly string[];
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

/** Sent by the client (panel): full details of items, ranked by impact; unknown keys are left out. */
export namespace ItemDetailsRequest {
  export const method = 'customerLens/itemDetails';
  export interface Params {
    readonly keys: readonly string[];
  }
  export type Result = ItemDetail[];
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the client: the linked symbol (or key in a comment) at a position, and its ranked keys. */
export namespace SymbolItemsRequest {
  export const method = 'customerLens/symbolItems';
  export interface Params {
    readonly uri: string;
    readonly position: { readonly line: number; readonly character: number };
  }
  /** `null` when nothing linked is there. `symbol` is absent for a key in a comment. */
  export type Result = { readonly symbol?: string; readonly range: TextRange; readonly keys: string[] } | null;
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the client ("This file" view): the items linked in one file, per symbol. */
export namespace FileItemsRequest {
  export const method = 'customerLens/fileItems';
  export interface Params {
    readonly uri: string;
  }
  export interface SymbolGroup {
    /** Absent for file-level links. */
    readonly symbol?: string;
    readonly range: TextRange;
    /** Ranked by impact. */
    readonly items: ItemSummary[];
  }
  export type Result = SymbolGroup[];
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * Sent by the client: the edit that links an item to the symbol at a position by appending an
 * entry to `.customer-lens/links.yaml` (created if missing). The client applies it, so it is
 * undoable and respects unsaved editors.
 */
export namespace LinkItemToSymbolRequest {
  export const method = 'customerLens/linkItemToSymbol';
  export interface Params {
    readonly key: string;
    readonly uri: string;
    readonly position: { readonly line: number; readonly character: number };
  }
  export type Result =
    | { readonly kind: 'edit'; readonly linksFileUri: string; readonly created: boolean; readonly newText: string; readonly symbol: string; readonly path: string }
    | { readonly kind: 'error'; readonly message: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the server when items or links changed: views and the panel fetch again. */
export namespace ItemsChangedNotification {
  export const method = 'customerLens/itemsChanged';
  export type Params = Record<string, never>;
  export const type = new NotificationType<Params>(method);
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
  /** Arguments: `[keys: string[]]`. Shows the item(s) in the Customer Lens panel. */
  openItem: 'customerLens.openItem',
  searchFrictionItems: 'customerLens.searchFrictionItems',
} as const;

/**
 * What the client tells the server at start-up (`initializationOptions`). Every field is
 * optional: the standalone server gets none and then uses the environment and a cache folder.
 */
export interface InitializationOptions {
  /** A folder the extension owns (`ExtensionContext.storageUri`): tracker snapshots live here. */
  readonly storagePath?: string;
  /** `false` in Restricted Mode: the server then makes no network call on the workspace's say. */
  readonly workspaceTrusted?: boolean;
  /** The client answers `TrackerTokenRequest` (SecretStorage, `github` auth); else tokens come from the environment. */
  readonly tokensFromClient?: boolean;
}

export type TrackerState =
  /** No token approved for this tracker's origin. */
  | 'not-connected'
  /** Restricted Mode: configured, but no request is made. */
  | 'untrusted'
  | 'syncing'
  | 'synced'
  /** The last run failed on the network, a rate limit or a garbled answer: the last good data is shown. */
  | 'offline'
  /** The tracker rejected the token (401/403). */
  | 'auth-failed'
  /** The entry in config.yaml is invalid, or the tracker said the request is wrong (e.g. 410). */
  | 'error';

/** One configured tracker of one workspace folder, as the status bar and Connect Tracker… show it. */
export interface TrackerStatus {
  readonly folderUri: string;
  readonly name: string;
  /** `jira`, `jira-dc`, `linear`, `github`, `zendesk`; empty when the entry is invalid. */
  readonly type: string;
  /** The only origin its token may be sent to; empty when the entry is invalid. */
  readonly origin: string;
  readonly state: TrackerState;
  /** When the snapshot in force was completed (ISO); absent before the first good sync. */
  readonly syncedAt?: string;
  /** Items and evidence records in the snapshot in force. */
  readonly records: number;
  /** One line for people: the failure, or what to do. Never contains a token. */
  readonly message?: string;
}

/** Sent by the server whenever a tracker's state changes; `trackers` is the whole list. */
export namespace SyncStatusNotification {
  export const method = 'customerLens/syncStatus';
  export interface Params {
    readonly trackers: readonly TrackerStatus[];
  }
  export const type = new NotificationType<Params>(method);
}

/** Sent by the client: every configured tracker and its state. */
export namespace ListTrackersRequest {
  export const method = 'customerLens/listTrackers';
  export type Params = Record<string, never>;
  export type Result = TrackerStatus[];
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the client (Sync Now): syncs every tracker of every folder; answers when all are done. */
export namespace SyncNowRequest {
  export const method = 'customerLens/syncNow';
  export interface Params {
    /** Ignore watermarks and fetch everything. */
    readonly full?: boolean;
  }
  export type Result = TrackerStatus[];
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * Sent by the client (Connect Tracker…): one authenticated test call with a candidate token for a
 * configured tracker, before the client stores it. The token goes only to the entry's origin.
 */
export namespace CheckTrackerRequest {
  export const method = 'customerLens/checkTracker';
  export interface Params {
    readonly folderUri: string;
    readonly name: string;
    readonly token: string;
  }
  export type Result = { readonly ok: true; readonly account: string } | { readonly ok: false; readonly message: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * Sent by the server: the token approved for a tracker. The client answers with the token only
 * when the user approved it for exactly `origin`; otherwise with the origin it is bound to (so
 * the server can say why it is not used) or with nothing.
 */
export namespace TrackerTokenRequest {
  export const method = 'customerLens/trackerToken';
  export interface Params {
    readonly name: string;
    readonly type: string;
    readonly origin: string;
  }
  export interface Result {
    readonly token?: string;
    readonly boundOrigin?: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the client when a token was stored, removed or a `github` session changed: trackers are rebuilt and synced. */
export namespace TokensChangedNotification {
  export const method = 'customerLens/tokensChanged';
  export type Params = Record<string, never>;
  export const type = new NotificationType<Params>(method);
}

/** Sent by the client when the user trusts the workspace (trust is never revoked without a reload). */
export namespace WorkspaceTrustedNotification {
  export const method = 'customerLens/workspaceTrusted';
  export type Params = Record<string, never>;
  export const type = new NotificationType<Params>(method);
}
