/**
 * The only folders the panel's webview may load from (`localResourceRoots`), and the files it
 * loads. Kept as data so a test can check every resource lies inside an allowed root.
 */
export const PANEL_RESOURCE_FOLDERS = ['dist', 'media'] as const;

type ResourcePath = readonly [(typeof PANEL_RESOURCE_FOLDERS)[number], string];

/** The webview bundle built from webview/src/main.ts. */
export const PANEL_SCRIPT: ResourcePath = ['dist', 'webview.js'];
export const PANEL_STYLE: ResourcePath = ['media', 'panel.css'];
/** Tab icons: the tab does not tint `currentColor`, so each theme kind gets its own colour. */
export const PANEL_ICON_LIGHT: ResourcePath = ['media', 'panel-light.svg'];
export const PANEL_ICON_DARK: ResourcePath = ['media', 'panel-dark.svg'];

export const PANEL_VIEW_TYPE = 'customerLens.panel';
export const PANEL_TITLE = 'Customer Lens';
