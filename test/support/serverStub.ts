/**
 * An in-memory Customer Lens server for the client's unit tests, typed with the protocol's own
 * types: each request answers from plain data a test sets up, and every call is recorded.
 */
import type {
  CheckTrackerRequest,
  FileItemsRequest,
  ItemDetail,
  ItemDetailsRequest,
  ItemLocation,
  ItemLocationsRequest,
  ItemSummary,
  LinkItemToSymbolRequest,
  ListItemsRequest,
  ListTrackersRequest,
  SymbolItemsRequest,
  SyncNowRequest,
  TrackerStatus,
} from '../../server/src/protocol';
import type { CustomerLensServer } from '../../client/src/lsp/customerLensServer';

export type StubCall =
  | { readonly method: 'listItems' }
  | { readonly method: 'itemLocations'; readonly params: ItemLocationsRequest.Params }
  | { readonly method: 'itemDetails'; readonly params: ItemDetailsRequest.Params }
  | { readonly method: 'symbolItems'; readonly params: SymbolItemsRequest.Params }
  | { readonly method: 'fileItems'; readonly params: FileItemsRequest.Params }
  | { readonly method: 'linkItemToSymbol'; readonly params: LinkItemToSymbolRequest.Params }
  | { readonly method: 'listTrackers' }
  | { readonly method: 'syncNow'; readonly params: SyncNowRequest.Params }
  | { readonly method: 'checkTracker'; readonly params: CheckTrackerRequest.Params };

export class ServerStub implements CustomerLensServer {
  items: ItemSummary[] = [];
  locations = new Map<string, ItemLocation[]>();
  details = new Map<string, ItemDetail>();
  /** Keyed by `uri:line`; anything else answers `null`. */
  symbols = new Map<string, SymbolItemsRequest.Result>();
  files = new Map<string, FileItemsRequest.Result>();
  linkResult: LinkItemToSymbolRequest.Result = { kind: 'error', message: 'not set up' };
  /** What listTrackers answers, and syncNow once it has "synced". */
  trackers: TrackerStatus[] = [];
  checkResult: CheckTrackerRequest.Result = { ok: false, message: 'not set up' };
  /** Set to make every request fail, like a server that does not answer a method yet. */
  failWith: Error | undefined;
  readonly calls: StubCall[] = [];

  callsOf(method: StubCall['method']): StubCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  listItems(): Promise<ListItemsRequest.Result> {
    return this.answer({ method: 'listItems' }, () => [...this.items]);
  }

  itemLocations(params: ItemLocationsRequest.Params): Promise<ItemLocationsRequest.Result> {
    return this.answer({ method: 'itemLocations', params }, () => ({
      item: this.items.find((item) => item.key === params.key) ?? null,
      locations: [...(this.locations.get(params.key) ?? [])],
    }));
  }

  itemDetails(params: ItemDetailsRequest.Params): Promise<ItemDetailsRequest.Result> {
    return this.answer({ method: 'itemDetails', params }, () =>
      params.keys.flatMap((key) => {
        const detail = this.details.get(key);
        return detail === undefined ? [] : [detail];
      }),
    );
  }

  symbolItems(params: SymbolItemsRequest.Params): Promise<SymbolItemsRequest.Result> {
    return this.answer({ method: 'symbolItems', params }, () => this.symbols.get(`${params.uri}:${params.position.line}`) ?? null);
  }

  fileItems(params: FileItemsRequest.Params): Promise<FileItemsRequest.Result> {
    return this.answer({ method: 'fileItems', params }, () => [...(this.files.get(params.uri) ?? [])]);
  }

  linkItemToSymbol(params: LinkItemToSymbolRequest.Params): Promise<LinkItemToSymbolRequest.Result> {
    return this.answer({ method: 'linkItemToSymbol', params }, () => this.linkResult);
  }

  listTrackers(): Promise<ListTrackersRequest.Result> {
    return this.answer({ method: 'listTrackers' }, () => [...this.trackers]);
  }

  syncNow(params: SyncNowRequest.Params): Promise<SyncNowRequest.Result> {
    return this.answer({ method: 'syncNow', params }, () => [...this.trackers]);
  }

  checkTracker(params: CheckTrackerRequest.Params): Promise<CheckTrackerRequest.Result> {
    return this.answer({ method: 'checkTracker', params }, () => this.checkResult);
  }

  private answer<R>(call: StubCall, result: () => R): Promise<R> {
    this.calls.push(call);
    return this.failWith === undefined ? Promise.resolve(result()) : Promise.reject(this.failWith);
  }
}
