import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Range,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rankableComparator } from './domain/frictionItem';
import type { TextRange } from './domain/link';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { codeLensesFor } from './features/codeLenses';
import { documentLinksFor } from './features/documentLinks';
import type { FileLinks } from './features/fileLinks';
import { hoverAt } from './features/hover';
import { errorMessage } from './local/yamlFile';
import { registerPanelRequests } from './panelRequests';
import { ClientCommands, IndexStatusNotification, ItemLocationsRequest, ItemsChangedNotification, ListItemsRequest, type ItemSummary } from './protocol';
import { DEFAULT_SETTINGS, SettingsCache, type Settings } from './settings';
import type { HttpOptions } from './trackers/trackerSet';
import { readInitializationOptions } from './initializationOptions';
import { SyncService } from './sync/syncService';
import { SymbolIndex } from './symbols/symbolIndex';
import { GrammarLoader } from './symbols/treeSitter';
import { FolderModel } from './workspace/folderModel';

/** Coalesces bursts of edits into one reload or one refresh. */
const RELOAD_DELAY_MS = 150;
const REFRESH_DELAY_MS = 250;
const PROBLEMS_DELAY_MS = 500;

/**
 * The Customer Lens language server: routes LSP requests to the workspace folder a document
 * belongs to and answers them from that folder's in-memory model. Requests never wait for
 * the background scan, and no request handler lets an exception escape.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const grammars = new GrammarLoader();
  const symbols = new SymbolIndex(grammars);
  const settings = new SettingsCache(connection);
  const diagnostics = new DiagnosticsPublisher(connection);
  const folders: FolderModel[] = [];
  const reloadTimers = new Map<FolderModel, NodeJS.Timeout>();
  let refreshTimer: NodeJS.Timeout | undefined;
  let codeLensRefreshSupported = false;
  let watchedFilesDynamic = false;
  let workspaceFoldersSupported = false;
  let configurationDynamic = false;
  let trackers: SyncService | undefined;

  const log = connection.console;

  const folderOf = (uri: string): { folder: FolderModel; relativePath: string } | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    const filePath = fileURLToPath(uri);
    let best: { folder: FolderModel; relativePath: string } | undefined;
    for (const folder of folders) {
      const relativePath = folder.relativePath(filePath);
      if (relativePath !== undefined && (!best || folder.root.length > best.folder.root.length)) best = { folder, relativePath };
    }
    return best;
  };

  /** An editor's text when the file is open, else the disk's; `undefined` when it does not exist. */
  const readText = async (filePath: string): Promise<string | undefined> => {
    const open = documents.get(pathToFileURL(filePath).href);
    if (open) return open.getText();
    try {
      return await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  const readerFor = (folder: FolderModel) => (relativePath: string) => readText(path.join(folder.root, relativePath)).catch(() => undefined);
  const uriFor = (folder: FolderModel) => (relativePath: string) => pathToFileURL(path.join(folder.root, relativePath)).href;

  const sendStatus = (): void => {
    let files = 0;
    let items = 0;
    let links = 0;
    for (const folder of folders) {
      files += folder.fileCount;
      items += folder.catalog.size;
      for (const count of folder.linkedFileCounts().values()) links += count;
    }
    const state = folders.some((folder) => !folder.isIndexed) ? 'indexing' : 'ready';
    void connection.sendNotification(IndexStatusNotification.type, { state, folders: folders.length, files, items, links, problems: problemCount });
  };
  let problemCount = 0;
  const problemCounts = new Map<FolderModel, number>();

  const publishProblems = async (folder: FolderModel): Promise<void> => {
    const problems = await folder.problems(readerFor(folder), uriFor(folder));
    if (!folders.includes(folder)) return;
    diagnostics.publish(folder.uri, problems);
    problemCounts.set(folder, problems.length);
    problemCount = [...problemCounts.values()].reduce((sum, count) => sum + count, 0);
  };

  /** Source edits can make `links.yaml` symbols appear or vanish: re-check, but not per keystroke. */
  const problemTimers = new Map<FolderModel, NodeJS.Timeout>();
  const scheduleProblems = (folder: FolderModel): void => {
    if (!folder.isIndexed) return;
    clearTimeout(problemTimers.get(folder));
    problemTimers.set(
      folder,
      setTimeout(() => {
        problemTimers.delete(folder);
        publishProblems(folder)
          .then(scheduleRefresh)
          .catch((error: unknown) => log.error(`Checking ${folder.root}/.customer-lens failed: ${errorMessage(error)}`));
      }, PROBLEMS_DELAY_MS),
    );
  };

  const scheduleRefresh = (): void => {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      sendStatus();
      // Views and the panel fetch again: once per refresh, however many changes it coalesced.
      void connection.sendNotification(ItemsChangedNotification.type, {});
      if (codeLensRefreshSupported) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }, REFRESH_DELAY_MS);
  };

  const reloadLocal = async (folder: FolderModel): Promise<void> => {
    await folder.reloadLocal(readText);
    // Tracker snapshots are merged in before the first problems, so links to tracker items are not flagged.
    await trackers?.configure(folder);
    await publishProblems(folder);
    scheduleRefresh();
  };

  const scheduleReload = (folder: FolderModel): void => {
    clearTimeout(reloadTimers.get(folder));
    reloadTimers.set(
      folder,
      setTimeout(() => {
        reloadTimers.delete(folder);
        reloadLocal(folder).catch((error: unknown) => log.error(`Reloading ${folder.root}/.customer-lens failed: ${errorMessage(error)}`));
      }, RELOAD_DELAY_MS),
    );
  };

  const indexFolder = async (folder: FolderModel): Promise<void> => {
    await reloadLocal(folder);
    sendStatus();
    const stats = await folder.scan((relativePath, message) => log.warn(`Cannot read ${path.join(folder.root, relativePath)}: ${message}`));
    if (!stats || !folders.includes(folder)) return;
    // Open editors may hold unsaved text that differs from what the scan read.
    for (const document of documents.all()) {
      const target = folderOf(document.uri);
      if (target?.folder === folder && !folder.isLocalDataFile(target.relativePath)) folder.updateFromText(target.relativePath, document.getText());
    }
    await publishProblems(folder);
    const skipped = stats.skippedLarge + stats.skippedBinary;
    log.info(
      `Indexed ${folder.root}: ${stats.files} files (${stats.scanned} scanned, ${skipped} skipped as large or binary, ${stats.unreadable} unreadable) in ${Math.round(stats.milliseconds)} ms; ` +
        `${folder.catalog.size} items, ${problemCounts.get(folder) ?? 0} problems`,
    );
    sendStatus();
    scheduleRefresh();
  };

  const startIndexing = (folder: FolderModel): void => {
    indexFolder(folder).catch((error: unknown) => log.error(`Indexing ${folder.root} failed: ${errorMessage(error)}`));
  };

  const addFolder = (workspaceFolder: WorkspaceFolder): void => {
    if (!workspaceFolder.uri.startsWith('file:') || folders.some((folder) => folder.uri === workspaceFolder.uri)) return;
    const folder = new FolderModel(fileURLToPath(workspaceFolder.uri), workspaceFolder.uri, symbols);
    folders.push(folder);
    startIndexing(folder);
  };

  const removeFolder = (uri: string): void => {
    const index = folders.findIndex((folder) => folder.uri === uri);
    if (index < 0) return;
    const [folder] = folders.splice(index, 1);
    if (!folder) return;
    folder.cancelScan();
    trackers?.remove(folder);
    clearTimeout(reloadTimers.get(folder));
    clearTimeout(problemTimers.get(folder));
    problemCounts.delete(folder);
    problemCount = [...problemCounts.values()].reduce((sum, count) => sum + count, 0);
    diagnostics.clear(folder.uri);
    // Its items and links are gone: the status and the views must say so.
    scheduleRefresh();
  };

  /** The links of an open document, or `undefined` when it is outside every folder. */
  const linksOf = async (uri: string): Promise<{ folder: FolderModel; links: FileLinks } | undefined> => {
    const document = documents.get(uri);
    const target = folderOf(uri);
    if (!document || !target || target.folder.isLocalDataFile(target.relativePath)) return undefined;
    return { folder: target.folder, links: await target.folder.fileLinks(target.relativePath, uri, document.getText()) };
  };

  /** Runs a request handler so that a failure is logged and answered with `fallback`, never thrown. */
  const guarded = async <T>(what: string, fallback: T, handler: () => Promise<T>): Promise<T> => {
    try {
      return await handler();
    } catch (error) {
      log.error(`${what} failed: ${errorMessage(error)}`);
      return fallback;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    settings.supported = capabilities.workspace?.configuration === true;
    codeLensRefreshSupported = capabilities.workspace?.codeLens?.refreshSupport === true;
    watchedFilesDynamic = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFoldersSupported = capabilities.workspace?.workspaceFolders === true;
    configurationDynamic = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const initialFolders: WorkspaceFolder[] =
      params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : params.rootPath ? [{ uri: pathToFileURL(params.rootPath).href, name: 'root' }] : []);
    // Indexing starts once the client is initialized, so the handshake answers at once.
    pendingFolders = initialFolders;
    trackers = new SyncService({
      connection,
      init: readInitializationOptions(params.initializationOptions),
      env: process.env,
      log,
      intervalMinutes: () => workspaceSettings().then((options) => options.syncIntervalMinutes),
      http: httpOptions,
      onCatalogChanged: (folder) => {
        if (!folders.includes(folder)) return;
        publishProblems(folder)
          .then(scheduleRefresh)
          .catch((error: unknown) => log.error(`Checking ${folder.root}/.customer-lens failed: ${errorMessage(error)}`));
      },
    });
    trackers.register();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'customer-lens-server', version: SERVER_VERSION },
    };
  });
  let pendingFolders: WorkspaceFolder[] = [];

  connection.onInitialized(() => {
    if (watchedFilesDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'customerLens' });
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) removeFolder(removed.uri);
        for (const added of event.added) addFolder(added);
      });
    }
    for (const folder of pendingFolders) addFolder(folder);
    pendingFolders = [];
    if (folders.length === 0) sendStatus();
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    trackers?.settingsChanged();
    scheduleRefresh();
  });

  /** The editor's proxy settings for tracker requests; without them axios reads HTTPS_PROXY. */
  const httpOptions = async (): Promise<HttpOptions> => {
    if (!settings.supported) return {};
    const raw: unknown = await connection.workspace.getConfiguration({ section: 'http' }).catch(() => undefined);
    const section = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const proxy = section['proxy'];
    const strictSSL = section['proxyStrictSSL'];
    return { ...(typeof proxy === 'string' && proxy !== '' && { proxy }), ...(typeof strictSSL === 'boolean' && { strictSSL }) };
  };

  documents.onDidChangeContent(({ document }) => {
    const target = folderOf(document.uri);
    if (!target) return;
    if (target.folder.isLocalDataFile(target.relativePath)) scheduleReload(target.folder);
    else {
      target.folder.updateFromText(target.relativePath, document.getText());
      scheduleRefresh();
      scheduleProblems(target.folder);
    }
  });

  documents.onDidClose(({ document }) => {
    const target = folderOf(document.uri);
    if (!target) return;
    // The editor may have held unsaved text: the disk is the truth again.
    if (target.folder.isLocalDataFile(target.relativePath)) scheduleReload(target.folder);
    else {
      target.folder.updateFromDisk(target.relativePath);
      scheduleProblems(target.folder);
    }
    scheduleRefresh();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const target = folderOf(change.uri);
      if (!target) continue;
      const { folder, relativePath } = target;
      if (folder.isLocalDataFile(relativePath)) scheduleReload(folder);
      else if (path.posix.basename(relativePath) === '.gitignore') startIndexing(folder);
      else {
        if (change.type === FileChangeType.Deleted) folder.remove(relativePath);
        else if (!documents.get(change.uri)) folder.updateFromDisk(relativePath);
        scheduleProblems(folder);
      }
    }
    scheduleRefresh();
  });

  connection.onHover((params, token) =>
    guarded('Hover', null, async () => {
      const found = await linksOf(params.textDocument.uri);
      if (!found || token.isCancellationRequested) return null;
      const options = await settings.get(params.textDocument.uri);
      if (!options.hover.enabled) return null;
      const hover = hoverAt(found.links, found.folder.catalog, params.position.line, params.position.character, {
        maxItems: options.hover.maxItems,
        redact: options.redactPii,
        ranking: options.ranking,
      });
      return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: toRange(hover.range) } : null;
    }),
  );

  connection.onCodeLens((params, token) =>
    guarded('CodeLens', [], async () => {
      const options = await settings.get(params.textDocument.uri);
      if (!options.codeLens.enabled) return [];
      const found = await linksOf(params.textDocument.uri);
      if (!found || token.isCancellationRequested) return [];
      return codeLensesFor(found.links, found.folder.catalog, options.ranking).map((lens) => ({
        range: toRange(lens.range),
        command: { title: lens.title, command: ClientCommands.openItem, arguments: [lens.keys] },
      }));
    }),
  );

  connection.onDocumentLinks((params, token) =>
    guarded('Document links', [], async () => {
      const found = await linksOf(params.textDocument.uri);
      if (!found || token.isCancellationRequested) return [];
      return documentLinksFor(found.links, found.folder.catalog).map((link) => ({ range: toRange(link.range), target: link.target, tooltip: link.tooltip }));
    }),
  );

  /** Settings for requests about no resource: the first workspace folder's. */
  const workspaceSettings = (): Promise<Settings> => {
    const first = folders[0];
    return first ? settings.get(first.uri) : Promise.resolve(DEFAULT_SETTINGS);
  };

  connection.onRequest(ListItemsRequest.type, () =>
    guarded('Listing items', [], async () => {
      const summaries = new Map<string, ItemSummary>();
      for (const folder of folders) {
        const counts = folder.linkedFileCounts();
        for (const key of folder.catalog.keys()) {
          // A key known to several folders is one item: the first folder's fields (as in
          // itemLocations and itemDetails), the links of all of them.
          const linkCount = counts.get(key) ?? 0;
          const earlier = summaries.get(key);
          const listing = earlier ? undefined : folder.catalog.listing(key);
          if (earlier) summaries.set(key, { ...earlier, linkCount: earlier.linkCount + linkCount });
          else if (listing) summaries.set(key, { ...listing, linkCount });
        }
      }
      const { ranking } = await workspaceSettings();
      return [...summaries.values()].sort(rankableComparator(ranking));
    }),
  );

  connection.onRequest(ItemLocationsRequest.type, (params, token: CancellationToken) =>
    guarded('Finding item locations', { item: null, locations: [] }, async () => {
      const owners = folders.filter((folder) => folder.catalog.has(params.key));
      const locations: ItemLocationsRequest.Result['locations'] = [];
      for (const folder of owners) {
        if (token.isCancellationRequested) break;
        locations.push(...(await folder.locationsOf(params.key, readerFor(folder), uriFor(folder))));
      }
      const listing = owners[0]?.catalog.listing(params.key);
      return { item: listing ? { ...listing, linkCount: locations.length } : null, locations };
    }),
  );

  registerPanelRequests({
    connection,
    folders,
    settings,
    folderOf,
    openText: (uri) => documents.get(uri)?.getText(),
    readText,
    readerFor,
    uriFor,
    workspaceSettings,
    guarded,
  });

  connection.onShutdown(() => {
    trackers?.dispose();
    for (const folder of folders) folder.cancelScan();
    for (const timer of [...reloadTimers.values(), ...problemTimers.values()]) clearTimeout(timer);
    clearTimeout(refreshTimer);
    grammars.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

function toRange(range: TextRange): Range {
  return { start: { line: range.startLine, character: range.startCharacter }, end: { line: range.endLine, character: range.endCharacter } };
}

declare const CUSTOMER_LENS_VERSION: string | undefined;
const SERVER_VERSION = typeof CUSTOMER_LENS_VERSION === 'string' ? CUSTOMER_LENS_VERSION : '0.0.0-dev';
