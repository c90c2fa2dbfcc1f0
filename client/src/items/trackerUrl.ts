/**
 * The tracker URL to offer, or `undefined`. Item URLs come from tracker data, which is
 * untrusted: only http(s) may reach `env.openExternal`, never `file:`, `command:` or the like.
 */
export function openableTrackerUrl(url: string | undefined): string | undefined {
  if (url === undefined) {
    return undefined;
  }
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
