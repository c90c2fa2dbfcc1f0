import type { IpcEnvelope } from '../protocol';

/**
 * The part of the API VS Code injects into webviews (`acquireVsCodeApi()`) that the panel uses.
 * `getState`/`setState` is the state VS Code keeps for the panel serializer: it survives the
 * panel being hidden and a window reload.
 */
export interface WebviewApi {
  postMessage(message: IpcEnvelope): void;
  getState(): unknown;
  setState(state: unknown): void;
}
