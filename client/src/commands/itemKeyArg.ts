/**
 * The item key a view command was invoked for. Context-menu and inline actions pass the tree
 * node; keybindings or other extensions may pass a key. Anything else is refused.
 */
export function itemKeyFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') {
    return arg.trim() === '' ? undefined : arg;
  }
  if (typeof arg !== 'object' || arg === null || !('item' in arg)) {
    return undefined;
  }
  const { item } = arg;
  if (typeof item !== 'object' || item === null || !('key' in item)) {
    return undefined;
  }
  const { key } = item;
  return typeof key === 'string' && key.trim() !== '' ? key : undefined;
}
