import type { ZodType } from 'zod';
import {
  fail,
  failWith,
  roleAtLeast,
  type AppError,
  type HandlerArgs,
  type HandlerName,
  type HandlerResult,
  type PushEvents,
  type PushName,
  type ReplyMessage,
  type Result,
  type Role,
  type ServerMessage,
  type StationMode,
} from '../contract';
import {
  checkMessage,
  DEFAULT_CALL_BYTES,
  MAX_MESSAGE_BYTES,
  peekCallId,
  scanJsonText,
  type LimitProblem,
} from './limits';

/** What a connection is allowed to do; set by the host at connect time, changed by login. */
export interface Session {
  role: Role;
  userName: string | null;
  mode: StationMode;
  /** The signed-in account (users.id); absent or null for the kiosk and the training switch. */
  userId?: string | null;
}

/**
 * Where a connection comes from, fixed by the host at connect time. `local` is true only for the
 * Electron windows (IPC) and for sockets from a loopback address; handlers use it for what only
 * the machine itself may do (first-run setup) and `address` for per-source limits.
 */
export interface ConnectionSource {
  transport: 'ipc' | 'ws' | 'memory';
  /** Remote IP for sockets, 'ipc' or 'memory' otherwise. */
  address: string;
  local: boolean;
  /**
   * A browser paired over the LAN (docs/lan.md): its device id, kind and desk, fixed by the host
   * from the device token at connect time; absent or null for the machine's own screens.
   */
  lan?: {
    deviceId: string;
    kind: 'desk' | 'display';
    desk: string | null;
    /** The name given at pairing, e.g. "Meja 2 (tablet)"; SessionInfo.device shows it. */
    label?: string;
  } | null;
}

/**
 * What a paired queue display may call (docs/lan.md): nothing else, whatever its session says.
 * Checked centrally in the dispatcher.
 */
export const DISPLAY_HANDLERS: ReadonlySet<string> = new Set([
  'station-session-get',
  'outreach-display-get',
]);

export const MEMORY_SOURCE: ConnectionSource = Object.freeze({
  transport: 'memory',
  address: 'memory',
  local: true,
});

export interface CallContext {
  connectionId: string;
  source: Readonly<ConnectionSource>;
  session: Readonly<Session>;
  setSession(next: Session): void;
  /** Push to the calling connection only (its device events, its progress). */
  push<N extends PushName>(name: N, payload: PushEvents[N]): void;
  /** Push to every open connection (queue display, status changes). */
  broadcast<N extends PushName>(name: N, payload: PushEvents[N]): void;
  /**
   * Replaces the session of every open connection (this one included) that `match` selects, e.g.
   * all sign-ins of an account an admin just deactivated, and pushes `session-changed` with
   * `info(connectionId)` to each. Returns how many were replaced.
   */
  resetSessions(
    match: (session: Readonly<Session>) => boolean,
    next: Session,
    info: (
      connectionId: string,
      source: Readonly<ConnectionSource>,
    ) => PushEvents['session-changed'],
  ): number;
}

export interface MethodSpec<N extends HandlerName> {
  role: Role;
  args: ZodType<HandlerArgs<N>>;
  /**
   * The largest call this handler accepts, in bytes of JSON (DEFAULT_CALL_BYTES unless set;
   * LARGE_CALL_BYTES for the few that carry photos or import chunks). Checked after the role.
   */
  maxBytes?: number;
  run(
    args: HandlerArgs<N>,
    ctx: CallContext,
  ): Promise<Result<HandlerResult<N>>> | Result<HandlerResult<N>>;
}

/** Registration surface handed to each domain's app.ts. */
export interface App {
  method<N extends HandlerName>(name: N, spec: MethodSpec<N>): void;
}

export type ErrorReporter = (
  error: unknown,
  where: { handler: string; connectionId: string },
) => void;

interface Connection {
  session: Session;
  source: ConnectionSource;
  send(message: ServerMessage): void;
  /** Ends the transport (terminates the socket); set by hosts that can. */
  end?: (() => void) | undefined;
}

const ENVELOPE_KEYS = new Set(['kind', 'id', 'name', 'args']);

/**
 * The one place that turns a raw message into a handler call: envelope check, lookup,
 * role check, argument validation, and the single mapping of unexpected exceptions.
 */
export class Dispatcher implements App {
  readonly #methods = new Map<string, MethodSpec<HandlerName>>();
  readonly #connections = new Map<string, Connection>();
  readonly #disconnectListeners = new Set<(connectionId: string) => void>();
  readonly #report: ErrorReporter;

  constructor(report: ErrorReporter) {
    this.#report = report;
  }

  method<N extends HandlerName>(name: N, spec: MethodSpec<N>): void {
    if (this.#methods.has(name)) throw new Error(`Handler registered twice: ${name}`);
    if (spec.maxBytes !== undefined && !(spec.maxBytes > 0 && spec.maxBytes <= MAX_MESSAGE_BYTES))
      throw new Error(`Handler ${name}: maxBytes must be 1..${MAX_MESSAGE_BYTES}`);
    this.#methods.set(name, spec as unknown as MethodSpec<HandlerName>);
  }

  get handlerNames(): string[] {
    return [...this.#methods.keys()].sort();
  }

  connect(
    id: string,
    session: Session,
    send: (message: ServerMessage) => void,
    source: ConnectionSource = MEMORY_SOURCE,
    end?: () => void,
  ): void {
    if (this.#connections.has(id)) throw new Error(`Connection id reused: ${id}`);
    this.#connections.set(id, { session: { ...session }, source: { ...source }, send, end });
  }

  /**
   * Ends at once every connection whose source `match` selects (a removed LAN device): its
   * transport is terminated and it is disconnected before this returns, so no further call of it
   * runs and no reply reaches it. Returns how many were ended.
   */
  endWhere(match: (source: Readonly<ConnectionSource>) => boolean): number {
    let count = 0;
    for (const [id, connection] of [...this.#connections]) {
      if (!match(connection.source)) continue;
      this.disconnect(id);
      connection.end?.();
      count++;
    }
    return count;
  }

  source(id: string): ConnectionSource | undefined {
    const connection = this.#connections.get(id);
    return connection ? { ...connection.source } : undefined;
  }

  disconnect(id: string): void {
    if (!this.#connections.delete(id)) return;
    for (const listener of this.#disconnectListeners) listener(id);
  }

  /** Calls `listener` with the id of every connection that goes away (per-connection state). */
  onDisconnect(listener: (connectionId: string) => void): () => void {
    this.#disconnectListeners.add(listener);
    return () => this.#disconnectListeners.delete(listener);
  }

  /** The ids of the open connections. */
  get connectionIds(): string[] {
    return [...this.#connections.keys()];
  }

  session(id: string): Session | undefined {
    const connection = this.#connections.get(id);
    return connection ? { ...connection.session } : undefined;
  }

  push<N extends PushName>(connectionId: string, name: N, payload: PushEvents[N]): void {
    this.#connections.get(connectionId)?.send({ kind: 'push', name, payload });
  }

  broadcast<N extends PushName>(name: N, payload: PushEvents[N]): void {
    for (const connection of this.#connections.values()) {
      connection.send({ kind: 'push', name, payload });
    }
  }

  /**
   * Handles one message as text off a socket: the size, nesting and item limits are checked
   * before JSON.parse (docs/decisions.md, "Message limits"); replies through the connection.
   */
  async receiveText(connectionId: string, text: string): Promise<void> {
    if (!this.#connections.has(connectionId)) return;
    const bytes = Buffer.byteLength(text);
    const problem: LimitProblem | null =
      bytes > MAX_MESSAGE_BYTES ? { kind: 'too-large', bytes } : scanJsonText(text);
    if (problem) {
      this.#reply(connectionId, peekCallId(text), limitFailure(problem));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    await this.receive(connectionId, parsed, bytes);
  }

  /**
   * Handles one raw message; replies through the connection's send. `wireBytes` is the size of
   * the message as received, when the transport knows it (sockets); otherwise it is estimated.
   */
  async receive(connectionId: string, raw: unknown, wireBytes?: number): Promise<void> {
    const connection = this.#connections.get(connectionId);
    if (!connection) return;
    const id = isRecord(raw) && Number.isSafeInteger(raw['id']) ? (raw['id'] as number) : -1;
    this.#reply(connectionId, id, await this.#call(connectionId, raw, wireBytes));
  }

  #reply(connectionId: string, id: number, result: Result<unknown>): void {
    const reply: ReplyMessage = { kind: 'reply', id, result };
    // The connection may have closed while the handler ran.
    this.#connections.get(connectionId)?.send(reply);
  }

  async #call(connectionId: string, raw: unknown, wireBytes?: number): Promise<Result<unknown>> {
    const checked = checkMessage(raw);
    if ('problem' in checked) return limitFailure(checked.problem);
    const bytes = wireBytes ?? checked.bytes;
    if (bytes > MAX_MESSAGE_BYTES) return limitFailure({ kind: 'too-large', bytes });
    if (
      !isRecord(raw) ||
      raw['kind'] !== 'call' ||
      !Number.isSafeInteger(raw['id']) ||
      typeof raw['name'] !== 'string' ||
      Object.keys(raw).some((key) => !ENVELOPE_KEYS.has(key))
    ) {
      return fail('BAD_ENVELOPE', 'Message is not a call envelope');
    }
    const name = raw['name'];
    const spec = this.#methods.get(name);
    if (!spec) return fail('UNKNOWN_HANDLER', `No handler named ${name.slice(0, 80)}`);
    const connection = this.#connections.get(connectionId);
    if (!connection) return fail('DISCONNECTED', 'Connection closed');
    if (connection.source.lan?.kind === 'display' && !DISPLAY_HANDLERS.has(name)) {
      return failWith('FORBIDDEN', 'DISPLAY_ONLY', `A queue display may not call ${name}`);
    }
    if (!roleAtLeast(connection.session.role, spec.role)) {
      return fail('FORBIDDEN', `${name} needs role ${spec.role}`);
    }
    const maxBytes = spec.maxBytes ?? DEFAULT_CALL_BYTES;
    if (bytes > maxBytes) {
      return failWith(
        'INVALID_ARGS',
        'ARGS_TOO_LARGE',
        `${name} accepts at most ${maxBytes} bytes; this call has ${bytes}`,
        ['(root)'],
      );
    }
    const parsed = spec.args.safeParse(raw['args']);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      return fail('INVALID_ARGS', `Invalid arguments for ${name}`, fields);
    }
    try {
      return await spec.run(parsed.data, this.#context(connectionId, connection));
    } catch (error) {
      this.#report(error, { handler: name, connectionId });
      return { ok: false, error: internalError() };
    }
  }

  #context(connectionId: string, connection: Connection): CallContext {
    return {
      connectionId,
      source: { ...connection.source },
      session: { ...connection.session },
      setSession: (next) => {
        connection.session = { ...next };
      },
      push: (name, payload) => this.push(connectionId, name, payload),
      broadcast: (name, payload) => this.broadcast(name, payload),
      resetSessions: (match, next, info) => this.#resetSessions(match, next, info),
    };
  }

  #resetSessions(
    match: (session: Readonly<Session>) => boolean,
    next: Session,
    info: (
      connectionId: string,
      source: Readonly<ConnectionSource>,
    ) => PushEvents['session-changed'],
  ): number {
    let count = 0;
    for (const [id, connection] of this.#connections) {
      if (!match(connection.session)) continue;
      connection.session = { ...next };
      this.push(id, 'session-changed', info(id, { ...connection.source }));
      count++;
    }
    return count;
  }
}

/** Message-level refusals: BAD_ENVELOPE with a reason the fuzz harness and logs can tell apart. */
function limitFailure(problem: LimitProblem): { ok: false; error: AppError } {
  switch (problem.kind) {
    case 'too-large':
      return failWith(
        'BAD_ENVELOPE',
        'MESSAGE_TOO_LARGE',
        `Message of ${problem.bytes} bytes; at most ${MAX_MESSAGE_BYTES}`,
      );
    case 'too-deep':
      return failWith('BAD_ENVELOPE', 'TOO_DEEP', 'Message nested too deeply');
    case 'too-many-items':
      return failWith('BAD_ENVELOPE', 'TOO_MANY_ITEMS', 'Message has too many keys or elements');
    case 'forbidden-key':
      return failWith('BAD_ENVELOPE', 'FORBIDDEN_KEY', `Field name ${problem.key} is not allowed`);
    case 'not-plain':
      return failWith('BAD_ENVELOPE', 'NOT_PLAIN', 'Message holds values JSON cannot carry');
  }
}

function internalError(): AppError {
  return { code: 'INTERNAL', message: 'Unexpected error; it has been logged' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
