import { z } from 'zod';
import type { InitializationOptions } from './protocol';

const schema = z.object({
  storagePath: z.string().min(1).optional().catch(undefined),
  workspaceTrusted: z.boolean().optional().catch(undefined),
  tokensFromClient: z.boolean().optional().catch(undefined),
});

/** The client's `initializationOptions`; any client may send anything, so a bad field is dropped. */
export function readInitializationOptions(raw: unknown): InitializationOptions {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) return {};
  const { storagePath, workspaceTrusted, tokensFromClient } = parsed.data;
  return {
    ...(storagePath !== undefined && { storagePath }),
    ...(workspaceTrusted !== undefined && { workspaceTrusted }),
    ...(tokensFromClient !== undefined && { tokensFromClient }),
  };
}
