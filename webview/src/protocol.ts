/**
 * Every message between the Customer Lens panel and the extension, declared once and shared by
 * both sides (the GitLens IPC pattern): commands (panel → extension, no answer), requests
 * (panel → extension, one typed response) and notifications (extension → panel).
 *
 * Each message's params are a zod schema, so the TypeScript type and the check made on receipt
 * can never disagree: a message of an unknown method or with a bad payload is dropped and logged
 * by the receiver (`parseMessage`). The panel bundle imports this file: no `vscode`, no Node.
 */
// A namespace import, not `{ z }`: esbuild then drops zod's unused parts (its locales alone are ~260 KB minified).
import * as z from 'zod';

// ---- Shared shapes --------------------------------------------------------------------------

export const rangeSchema = z.object({
  startLine: z.number().int().nonnegative(),
  startCharacter: z.number().int().nonnegative(),
  endLine: z.number().int().nonnegative(),
  endCharacter: z.number().int().nonnegative(),
});

export const locationSchema = z.object({
  uri: z.string(),
  range: rangeSchema,
  symbol: z.string().optional(),
  origin: z.enum(['annotation', 'mapping', 'tracker-ref', 'pr']),
  /** Repo-relative path for display, computed by the extension. */
  label: z.string(),
});
export type PanelLocation = z.infer<typeof locationSchema>;

export const touchpointSchema = z.object({
  id: z.string(),
  format: z.enum(['empathy-session', 'support-rotation', 'ride-along', 'hackathon', 'other']),
  date: z.string(),
  engineer: z.string(),
  customer: z.string().optional(),
  summary: z.string(),
  quotes: z.array(z.string()),
});
export type PanelTouchpoint = z.infer<typeof touchpointSchema>;

export const itemSchema = z.object({
  key: z.string(),
  title: z.string(),
  source: z.string(),
  status: z.enum(['open', 'in-progress', 'resolved']),
  rawStatus: z.string(),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  summary: z.string(),
  journey: z.string().optional(),
  customers: z.number(),
  tickets: z.number(),
  votes: z.number(),
  arr: z.number().optional(),
  labels: z.array(z.string()),
  /** Only http(s); the extension drops anything else before it gets here. */
  url: z.string().optional(),
  updatedAt: z.string().optional(),
  quotes: z.array(z.object({ text: z.string(), customer: z.string().optional(), date: z.string().optional() })),
  locations: z.array(locationSchema),
  touchpoints: z.array(touchpointSchema),
  pullRequests: z.array(z.object({ title: z.string(), url: z.string() })),
});
export type PanelItem = z.infer<typeof itemSchema>;

/** What the panel is about: the symbol under the cursor, or items picked elsewhere. */
export const subjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('symbol'), symbol: z.string(), uri: z.string(), label: z.string() }),
  z.object({ kind: z.literal('items') }),
  z.object({ kind: z.literal('empty') }),
]);
export type PanelSubject = z.infer<typeof subjectSchema>;

export const panelStateSchema = z.object({
  subject: subjectSchema,
  items: z.array(itemSchema),
  /** Pinned: the panel keeps its subject instead of following the cursor. */
  pinned: z.boolean(),
  /** Whether "Link to symbol at cursor" can act (an editor with a symbol is active). */
  canLinkToSymbol: z.boolean(),
});
export type PanelState = z.infer<typeof panelStateSchema>;

// ---- Message types ----------------------------------------------------------------------------

export interface IpcEnvelope {
  readonly id: number;
  readonly method: string;
  readonly params?: unknown;
}

abstract class IpcMessageType<P extends z.ZodType> {
  constructor(
    readonly method: string,
    readonly params: P,
  ) {}

  is(message: IpcEnvelope): message is IpcEnvelope & { params: z.infer<P> } {
    return message.method === this.method;
  }

  create(id: number, params: z.infer<P>): IpcEnvelope {
    return { id, method: this.method, params };
  }
}

/** Panel → extension, fire and forget. */
export class IpcCommand<P extends z.ZodType> extends IpcMessageType<P> {
  readonly kind = 'command';
}

/** Panel → extension, answered by one `IpcResponse` with the same id. */
export class IpcRequest<P extends z.ZodType, R extends z.ZodType> extends IpcMessageType<P> {
  readonly kind = 'request';
  constructor(
    method: string,
    params: P,
    readonly result: R,
  ) {
    super(method, params);
  }
}

/** Extension → panel. */
export class IpcNotification<P extends z.ZodType> extends IpcMessageType<P> {
  readonly kind = 'notification';
}

const noParams = z.undefined();
const keyParams = z.object({ key: z.string() });

/** The panel's script runs: only now may the extension post to it (earlier posts are lost). */
export const ReadyCommand = new IpcCommand('customerLens/ready', noParams);
export const OpenLocationCommand = new IpcCommand('customerLens/openLocation', z.object({ uri: z.string(), range: rangeSchema }));
export const OpenInTrackerCommand = new IpcCommand('customerLens/openInTracker', keyParams);
export const CopyKeyCommand = new IpcCommand('customerLens/copyKey', keyParams);
export const SetPinnedCommand = new IpcCommand('customerLens/setPinned', z.object({ pinned: z.boolean() }));
/** A problem the panel saw (for example a dropped message): the extension writes it to its log. */
export const LogCommand = new IpcCommand('customerLens/log', z.object({ level: z.enum(['warn', 'error']), message: z.string() }));

/** Links the item to the symbol at the cursor of the last active editor (writes links.yaml). */
export const LinkToSymbolRequest = new IpcRequest(
  'customerLens/linkToSymbol',
  keyParams,
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), symbol: z.string() }), z.object({ ok: z.literal(false), message: z.string() })]),
);

/** The whole state of the panel; sent after `ready` and whenever it changes. */
export const StateNotification = new IpcNotification('customerLens/state', panelStateSchema);

/** The answer to a request: `result` validated against the request's result schema. */
export const ResponseNotification = new IpcNotification(
  'customerLens/response',
  z.object({ requestId: z.number(), result: z.unknown().optional(), error: z.string().optional() }),
);

export const PANEL_COMMANDS = [ReadyCommand, OpenLocationCommand, OpenInTrackerCommand, CopyKeyCommand, SetPinnedCommand, LogCommand] as const;
export const PANEL_REQUESTS = [LinkToSymbolRequest] as const;
export const PANEL_NOTIFICATIONS = [StateNotification, ResponseNotification] as const;

const envelopeSchema = z.object({ id: z.number().int(), method: z.string(), params: z.unknown().optional() });

export type ParsedMessage<T extends IpcMessageType<z.ZodType>> = { readonly ok: true; readonly type: T; readonly message: IpcEnvelope } | { readonly ok: false; readonly reason: string };

/**
 * Validates a received value against the message types a side accepts. The caller drops and
 * logs anything that is not `ok`; it never acts on an unchecked payload.
 */
export function parseMessage<T extends IpcMessageType<z.ZodType>>(value: unknown, accepted: readonly T[]): ParsedMessage<T> {
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) return { ok: false, reason: 'not a message envelope' };
  const type = accepted.find((candidate) => candidate.method === envelope.data.method);
  if (!type) return { ok: false, reason: `unknown method '${envelope.data.method}'` };
  const params = type.params.safeParse(envelope.data.params);
  if (!params.success) return { ok: false, reason: `bad params for '${type.method}': ${params.error.issues.map((issue) => `${issue.path.join('.') || 'params'} ${issue.message}`).join('; ')}` };
  return { ok: true, type, message: { id: envelope.data.id, method: type.method, params: params.data } };
}
