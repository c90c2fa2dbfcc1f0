import type { CancellationToken, Connection } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { rankableComparator } from './domain/frictionItem';
import type { TouchpointInsight } from './domain/touchpoint';
import type { FileLinks } from './features/fileLinks';
import { fileItemGroups } from './features/fileItems';
import { toItemDetail } from './features/itemDetail';
import { planLinkToSymbol } from './features/linkToSymbol';
import { symbolItemsAt } from './features/symbolItems';
import { localFilePath } from './local/localData';
import { LOCAL_FILES } from './local/schemas';
import { errorMessage } from './local/yamlFile';
import { FileItemsRequest, ItemDetailsRequest, LinkItemToSymbolRequest, SymbolItemsRequest, type ItemDetail, type ItemLocation } from './protocol';
import type { Settings, SettingsCache } from './settings';
import type { FolderModel } from './workspace/folderModel';

/** What the panel and view requests need from the server; `folders` is the server's live list. */
export interface PanelRequestContext {
  readonly connection: Connection;
  readonly folders: readonly FolderModel[];
  readonly settings: SettingsCache;
  folderOf(uri: string): { folder: FolderModel; relativePath: string } | undefined;
  /** An open editor's text for the URI, if it is open. */
  openText(uri: string): string | undefined;
  /** An open editor's text, else the disk's; `undefined` when it does not exist; throws when unreadable. */
  readText(filePath: string): Promise<string | undefined>;
  /** Reads a file of a folder like `readText`, but an unreadable file is `undefined` too. */
  readerFor(folder: FolderModel): (relativePath: string) => Promise<string | undefined>;
  uriFor(folder: FolderModel): (relativePath: string) => string;
  /** Settings for requests about no resource: the first workspace folder's. */
  workspaceSettings(): Promise<Settings>;
  /** Logs a failure and answers `fallback`: no handler lets an exception escape. */
  readonly guarded: <T>(what: string, fallback: T, handler: () => Promise<T>) => Promise<T>;
}

/**
 * The requests behind the Customer Lens panel and the sidebar views (issue 3): item details,
 * the items at the cursor, the items of a file, and linking an item to a symbol.
 */
export function registerPanelRequests(context: PanelRequestContext): void {
  const { connection, folders, settings, guarded } = context;

  /** A file's links, open in an editor or not; `undefined` outside every folder or for our own data files. */
  const fileLinksOf = async (uri: string): Promise<{ folder: FolderModel; links: FileLinks } | undefined> => {
    const target = context.folderOf(uri);
    if (!target || target.folder.isLocalDataFile(target.relativePath)) return undefined;
    const text = context.openText(uri) ?? (await context.readerFor(target.folder)(target.relativePath));
    if (text === undefined) return undefined;
    return { folder: target.folder, links: await target.folder.fileLinks(target.relativePath, uri, text) };
  };

  connection.onRequest(ItemDetailsRequest.type, (params, token: CancellationToken) =>
    guarded('Item details', [], async () => {
      const keys = new Set(Array.isArray(params.keys) ? params.keys.filter((key) => typeof key === 'string') : []);
      const details: ItemDetail[] = [];
      for (const key of keys) {
        if (token.isCancellationRequested) return [];
        // As for listItems, a key known to several folders is one item: its code and
        // touchpoints in every folder, its fields from the first.
        const owners = folders.filter((folder) => folder.catalog.has(key));
        const first = owners[0];
        const item = first?.catalog.get(key);
        if (!first || !item) continue;
        const locations: ItemLocation[] = [];
        const touchpoints: TouchpointInsight[] = [];
        for (const folder of owners) {
          locations.push(...(await folder.locationsOf(key, context.readerFor(folder), context.uriFor(folder))));
          touchpoints.push(...folder.catalog.touchpointsAbout(key));
        }
        const { redactPii } = await settings.get(first.uri);
        details.push(toItemDetail(item, locations, touchpoints, { redact: redactPii }));
      }
      const { ranking } = await context.workspaceSettings();
      return details.sort(rankableComparator(ranking));
    }),
  );

  connection.onRequest(SymbolItemsRequest.type, (params, token: CancellationToken) =>
    guarded('Items at the cursor', null, async () => {
      const found = await fileLinksOf(params.uri);
      if (!found || token.isCancellationRequested) return null;
      const { ranking } = await settings.get(params.uri);
      return symbolItemsAt(found.links, found.folder.catalog, params.position.line, params.position.character, ranking) ?? null;
    }),
  );

  connection.onRequest(FileItemsRequest.type, (params, token: CancellationToken) =>
    guarded('Items of a file', [], async () => {
      const found = await fileLinksOf(params.uri);
      if (!found || token.isCancellationRequested) return [];
      const { ranking } = await settings.get(params.uri);
      return fileItemGroups(found.links, found.folder.catalog, found.folder.linkedFileCounts(), ranking);
    }),
  );

  connection.onRequest(LinkItemToSymbolRequest.type, (params) =>
    guarded<LinkItemToSymbolRequest.Result>('Linking an item to a symbol', { kind: 'error', message: 'Linking failed; the Customer Lens output has the details.' }, async () => {
      const target = context.folderOf(params.uri);
      if (!target) return { kind: 'error', message: `${displayName(params.uri)} is not in a workspace folder: only files of a workspace folder can be linked.` };
      const { folder, relativePath } = target;
      if (folder.isLocalDataFile(relativePath)) return { kind: 'error', message: `${relativePath} is Customer Lens data: link a source file instead.` };
      const text = context.openText(params.uri) ?? (await context.readerFor(folder)(relativePath));
      if (text === undefined) return { kind: 'error', message: `Cannot read ${relativePath}.` };
      const linksPath = localFilePath(folder.root, LOCAL_FILES.links.file);
      let linksText: string | undefined;
      try {
        linksText = await context.readText(linksPath);
      } catch (error) {
        // Unreadable is not missing: creating the file anew would overwrite it.
        return { kind: 'error', message: `Cannot read ${linksPath}: ${errorMessage(error)}` };
      }
      return planLinkToSymbol({
        key: params.key,
        itemKnown: typeof params.key === 'string' && folder.catalog.has(params.key),
        relativePath,
        symbols: await folder.outlineOf(relativePath, text),
        line: params.position.line,
        character: params.position.character,
        linksText,
        linksFileUri: pathToFileURL(linksPath).href,
      });
    }),
  );
}

/** The last path segment of a URI, for messages. */
function displayName(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split('/').pop() ?? '';
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}
