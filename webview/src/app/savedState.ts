/**
 * What the panel keeps in VS Code's webview state: the last `PanelState`, so a reload shows it
 * at once, before the extension answers `ready`. Read back through the same schema as a
 * message: a state saved by another version, or tampered with, is ignored.
 */
import * as z from 'zod';
import { panelStateSchema, type PanelState } from '../protocol';

const savedStateSchema = z.object({ version: z.literal(1), state: panelStateSchema });
export type SavedState = z.infer<typeof savedStateSchema>;

export function toSavedState(state: PanelState): SavedState {
  return { version: 1, state };
}

export type RestoredState = { readonly ok: true; readonly state: PanelState | undefined } | { readonly ok: false; readonly reason: string };

export function fromSavedState(value: unknown): RestoredState {
  if (value === undefined || value === null) return { ok: true, state: undefined };
  const parsed = savedStateSchema.safeParse(value);
  return parsed.success ? { ok: true, state: parsed.data.state } : { ok: false, reason: 'saved panel state does not match this version' };
}
