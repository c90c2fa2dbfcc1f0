import type { BaseLanguageClient } from 'vscode-languageclient/node';
import {
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
import type { CustomerLensServer } from './customerLensServer';

/** The real server: each function is one request over the language client's connection. */
export function languageServerApi(client: BaseLanguageClient): CustomerLensServer {
  return {
    listItems: () => client.sendRequest(ListItemsRequest.type, {}),
    itemLocations: (params) => client.sendRequest(ItemLocationsRequest.type, params),
    itemDetails: (params) => client.sendRequest(ItemDetailsRequest.type, params),
    symbolItems: (params) => client.sendRequest(SymbolItemsRequest.type, params),
    fileItems: (params) => client.sendRequest(FileItemsRequest.type, params),
    linkItemToSymbol: (params) => client.sendRequest(LinkItemToSymbolRequest.type, params),
    listTrackers: () => client.sendRequest(ListTrackersRequest.type, {}),
    syncNow: (params) => client.sendRequest(SyncNowRequest.type, params),
    checkTracker: (params) => client.sendRequest(CheckTrackerRequest.type, params),
  };
}
