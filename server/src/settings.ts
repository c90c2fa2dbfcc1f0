import type { Connection } from 'vscode-languageserver';
import { DEFAULT_RANKING, RANKING_MODES, type RankingMode } from './domain/frictionItem';

/** The `customerLens.*` settings the server reads, with the defaults of package.json. */
export interface Settings {
  readonly hover: { readonly enabled: boolean; readonly maxItems: number };
  readonly codeLens: { readonly enabled: boolean };
  readonly redactPii: boolean;
  /** How items are ordered in hovers, CodeLens, lists and the panel. */
  readonly ranking: RankingMode;
  /** Minutes between background syncs of the trackers; 0: only at start-up and on Sync Now. */
  readonly syncIntervalMinutes: number;
}

export const DEFAULT_SETTINGS: Settings = {
  hover: { enabled: true, maxItems: 3 },
  codeLens: { enabled: true },
  redactPii: true,
  ranking: DEFAULT_RANKING,
  syncIntervalMinutes: 15,
};

/**
 * Settings pulled per resource with `workspace/configuration` and cached until the client says
 * they changed (the vscode-eslint pattern). Clients without the capability get the defaults.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(resource: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(resource);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: resource, section: 'customerLens' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(resource, settings);
    }
    return settings;
  }

  clear(): void {
    this.cache.clear();
  }
}

/** Settings come from users' JSON: anything of the wrong type falls back to the default. */
export function normalizeSettings(raw: unknown): Settings {
  const section = isRecord(raw) ? raw : {};
  const hover = isRecord(section['hover']) ? section['hover'] : {};
  const codeLens = isRecord(section['codeLens']) ? section['codeLens'] : {};
  const maxItems = hover['maxItems'];
  const sync = isRecord(section['sync']) ? section['sync'] : {};
  const interval = sync['intervalMinutes'];
  return {
    hover: {
      enabled: typeof hover['enabled'] === 'boolean' ? hover['enabled'] : DEFAULT_SETTINGS.hover.enabled,
      maxItems: typeof maxItems === 'number' && Number.isInteger(maxItems) && maxItems >= 1 ? Math.min(maxItems, 20) : DEFAULT_SETTINGS.hover.maxItems,
    },
    codeLens: { enabled: typeof codeLens['enabled'] === 'boolean' ? codeLens['enabled'] : DEFAULT_SETTINGS.codeLens.enabled },
    redactPii: typeof section['redactPii'] === 'boolean' ? section['redactPii'] : DEFAULT_SETTINGS.redactPii,
    ranking: isRankingMode(section['ranking']) ? section['ranking'] : DEFAULT_SETTINGS.ranking,
    syncIntervalMinutes: typeof interval === 'number' && Number.isFinite(interval) && interval >= 0 ? interval : DEFAULT_SETTINGS.syncIntervalMinutes,
  };
}

function isRankingMode(value: unknown): value is RankingMode {
  return RANKING_MODES.some((mode) => mode === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
