import type { TextRange } from '../../../server/src/domain/link';
import type { SymbolItemsRequest } from '../../../server/src/protocol';
import { panelStateSchema, type PanelItem, type PanelState, type PanelSubject } from '../../../webview/src/protocol';
import type { CustomerLensServer } from '../lsp/customerLensServer';
import { errorMessage } from '../util/errors';
import { decideFollow, EMPTY_SUBJECT, type CursorFile } from './followCursor';
import { toPanelItems } from './panelItems';

export interface PanelModelOptions {
  readonly server: Pick<CustomerLensServer, 'itemDetails'>;
  /** Workspace-relative path of an LSP URI. */
  readonly describeUri: (uri: string) => string;
  /** Receives every new state; the host holds it until the page is ready. */
  readonly publish: (state: PanelState) => void;
  /** Dropped data and failed requests, for the log. */
  readonly report: (message: string) => void;
  readonly pinned: boolean;
  readonly canLinkToSymbol: boolean;
}

/**
 * What the panel shows and why: its subject, the keys asked for, their details, and whether it
 * is pinned. Free of `vscode`: the host feeds it cursor moves and requests, and posts what it
 * publishes. Answers that arrive after a newer request are dropped.
 */
export class PanelModel {
  private subject: PanelSubject = EMPTY_SUBJECT;
  private keys: readonly string[] = [];
  private items: readonly PanelItem[] = [];
  private pinnedValue: boolean;
  private canLink = false;
  private generation = 0;

  constructor(private readonly options: PanelModelOptions) {
    this.pinnedValue = options.pinned;
    this.canLink = options.canLinkToSymbol;
  }

  get pinned(): boolean {
    return this.pinnedValue;
  }

  get shownKeys(): readonly string[] {
    return this.keys;
  }

  get state(): PanelState {
    return { subject: this.subject, items: [...this.items], pinned: this.pinnedValue, canLinkToSymbol: this.canLink };
  }

  /** Items asked for explicitly (hover, CodeLens, views, picker). */
  showItems(keys: readonly string[], pinned: boolean, subject: PanelSubject = { kind: 'items' }): Promise<void> {
    this.pinnedValue = pinned;
    return this.fetch(keys, subject);
  }

  /** The cursor moved and the server said what is linked there. */
  async follow(found: SymbolItemsRequest.Result, at: CursorFile): Promise<void> {
    const decision = decideFollow({ pinned: this.pinnedValue, keys: this.keys, subject: this.subject }, found, at);
    switch (decision.kind) {
      case 'none':
        return;
      case 'retarget':
        this.subject = decision.subject;
        this.publish();
        return;
      case 'clear':
        this.generation++;
        this.subject = EMPTY_SUBJECT;
        this.keys = [];
        this.items = [];
        this.publish();
        return;
      case 'show':
        await this.fetch(decision.keys, decision.subject);
    }
  }

  /** Publishes the current state as it is, so a new page has something to show once ready. */
  announce(): void {
    this.publish();
  }

  setPinned(pinned: boolean): void {
    this.pinnedValue = pinned;
    this.publish();
  }

  setCanLinkToSymbol(canLink: boolean): void {
    if (canLink !== this.canLink) {
      this.canLink = canLink;
      this.publish();
    }
  }

  /** Items or links changed on the server: the same keys, fresh details. */
  async refresh(): Promise<void> {
    if (this.keys.length > 0) {
      await this.fetch(this.keys, this.subject);
    }
  }

  /**
   * A reloaded window: show the saved state at once (the page shows it too, so nothing flashes),
   * then fresh details for the same keys.
   */
  restore(saved: PanelState): Promise<void> {
    this.pinnedValue = saved.pinned;
    this.subject = saved.subject;
    this.items = saved.items;
    this.keys = saved.items.map((item) => item.key);
    this.publish();
    return this.fetch(this.keys, saved.subject);
  }

  /** Only items the panel was sent may be acted on: the page is not trusted to name others. */
  findItem(key: string): PanelItem | undefined {
    return this.items.find((item) => item.key === key);
  }

  /** Whether `uri` and `range` are a code location the panel was sent. */
  hasLocation(uri: string, range: TextRange): boolean {
    return this.items.some((item) =>
      item.locations.some(
        (location) =>
          location.uri === uri &&
          location.range.startLine === range.startLine &&
          location.range.startCharacter === range.startCharacter &&
          location.range.endLine === range.endLine &&
          location.range.endCharacter === range.endCharacter,
      ),
    );
  }

  private async fetch(keys: readonly string[], subject: PanelSubject): Promise<void> {
    const generation = ++this.generation;
    const previous = { keys: this.keys, subject: this.subject };
    this.keys = keys;
    this.subject = subject;
    if (keys.length === 0) {
      this.items = [];
      this.publish();
      return;
    }
    let details;
    try {
      details = await this.options.server.itemDetails({ keys });
    } catch (error) {
      if (generation === this.generation) {
        // Keep showing what was there; the next cursor move or change tries again.
        this.keys = previous.keys;
        this.subject = previous.subject;
        this.options.report(`Could not load the details of ${keys.join(', ')}: ${errorMessage(error)}`);
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    const { items, problems } = toPanelItems(details, this.options.describeUri);
    for (const problem of problems) {
      this.options.report(problem);
    }
    this.items = items;
    this.publish();
  }

  private publish(): void {
    // Cheap, and it catches a mapping bug here rather than as a page that silently drops the state.
    const checked = panelStateSchema.safeParse(this.state);
    if (checked.success) {
      this.options.publish(checked.data);
    } else {
      this.options.report(`Not posting an invalid panel state: ${checked.error.message}`);
    }
  }
}
