/**
 * How a tracker token sits in VS Code's SecretStorage: under `customerLens.tracker.<name>`, as
 * JSON holding the token and the origin the user approved it for. The origin travels with the
 * token so that a config edited later to name another host cannot redirect it.
 */
export const TRACKER_SECRET_PREFIX = 'customerLens.tracker.';

export interface TrackerSecret {
  readonly token: string;
  /** Scheme, host and port, as `new URL(…).origin` writes them. */
  readonly origin: string;
}

export function trackerSecretKey(trackerName: string): string {
  return `${TRACKER_SECRET_PREFIX}${trackerName}`;
}

export function isTrackerSecretKey(key: string): boolean {
  return key.startsWith(TRACKER_SECRET_PREFIX);
}

/** `https://API.example.com/` and `https://api.example.com:443` are one origin; anything unparsable is none. */
export function normalOrigin(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    // Opaque URLs (`mailto:`, `data:`) have the origin "null": nothing a token may go to.
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

export function serializeTrackerSecret(secret: TrackerSecret): string {
  return JSON.stringify({ token: secret.token, origin: secret.origin });
}

/** `undefined` for anything but a non-empty token with a valid origin: a damaged entry is never used. */
export function parseTrackerSecret(text: string): TrackerSecret | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { token, origin } = value as { token?: unknown; origin?: unknown };
  if (typeof token !== 'string' || token === '' || typeof origin !== 'string') {
    return undefined;
  }
  const normal = normalOrigin(origin);
  return normal === undefined ? undefined : { token, origin: normal };
}
