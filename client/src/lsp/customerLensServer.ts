import type {
  CheckTrackerRequest,
  FileItemsRequest,
  ItemDetailsRequest,
  ItemLocationsRequest,
  LinkItemToSymbolRequest,
  ListItemsRequest,
  ListTrackersRequest,
  SymbolItemsRequest,
  SyncNowRequest,
} from '../../../server/src/protocol';

/**
 * The server's custom requests as plain async functions. Views and the panel depend on this
 * rather than on the LanguageClient, so their logic runs in unit tests against an in-memory
 * stub typed with the same protocol types.
 */
export interface CustomerLensServer {
  listItems(): Promise<ListItemsRequest.Result>;
  itemLocations(params: ItemLocationsRequest.Params): Promise<ItemLocationsRequest.Result>;
  itemDetails(params: ItemDetailsRequest.Params): Promise<ItemDetailsRequest.Result>;
  symbolItems(params: SymbolItemsRequest.Params): Promise<SymbolItemsRequest.Result>;
  fileItems(params: FileItemsRequest.Params): Promise<FileItemsRequest.Result>;
  linkItemToSymbol(params: LinkItemToSymbolRequest.Params): Promise<LinkItemToSymbolRequest.Result>;
  listTrackers(): Promise<ListTrackersRequest.Result>;
  syncNow(params: SyncNowRequest.Params): Promise<SyncNowRequest.Result>;
  checkTracker(params: CheckTrackerRequest.Params): Promise<CheckTrackerRequest.Result>;
}
