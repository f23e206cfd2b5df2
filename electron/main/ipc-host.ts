import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL } from '../contract/bridge';
import type { ServerMessage } from '../contract/envelope';
import { fail, type Result } from '../contract/errors';
import type { Logger } from '../core/ports';
import type { ConnectionSource, Session } from '../transport/dispatcher';
import { isAppUrl } from './navigation';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly processId: number;
  readonly routingId: number;
}

/** The parts of IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike };
  readonly senderFrame: FrameLike | null;
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

/**
 * Only the top frame of a window this host created, showing a page of the app origin, may call
 * the core. Everything else (a destroyed frame, an iframe, a foreign page that got loaded, a
 * WebContents we never attached) is refused.
 */
export function checkSender(event: InvokeEventLike, knownIds: ReadonlySet<number>): SenderCheck {
  if (!knownIds.has(event.sender.id)) return { ok: false, reason: 'unknown webContents' };
  const frame = event.senderFrame;
  if (!frame) return { ok: false, reason: 'sender frame gone' };
  const main = event.sender.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId) {
    return { ok: false, reason: 'not the main frame' };
  }
  if (frame.routingId !== main.routingId) return { ok: false, reason: 'not the main frame' };
  if (!isAppUrl(frame.url)) return { ok: false, reason: 'foreign origin' };
  return { ok: true };
}

/** What the host needs from the dispatcher (the real one, or a test double). */
export interface DispatcherLike {
  connect(
    id: string,
    session: Session,
    send: (message: ServerMessage) => void,
    source: ConnectionSource,
  ): void;
  receive(id: string, raw: unknown): Promise<void>;
  disconnect(id: string): void;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, payload: unknown) => Promise<Result<unknown>>,
  ): void;
  removeHandler(channel: string): void;
}

/** The parts of WebContents the host uses. */
export interface ContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
  on(event: 'did-finish-load', listener: () => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
  on(event: 'destroyed', listener: () => void): unknown;
}

interface Connection {
  id: string;
  nextCallId: number;
  pending: Map<number, (result: Result<unknown>) => void>;
}

/**
 * Electron transport for the dispatcher: `ipcRenderer.invoke` calls in, `webContents.send`
 * pushes out. One connection per window; a new page in the window (reload, crash recovery)
 * starts a new connection with the initial session, as a new socket does in the station server.
 */
export class IpcHost {
  readonly #ipc: IpcMainLike;
  readonly #dispatcher: DispatcherLike;
  readonly #initialSession: () => Session;
  readonly #log: Logger;
  readonly #contents = new Map<number, ContentsLike>();
  readonly #connections = new Map<number, Connection>();
  #generation = 0;

  constructor(
    ipc: IpcMainLike,
    dispatcher: DispatcherLike,
    initialSession: () => Session,
    log: Logger,
  ) {
    this.#ipc = ipc;
    this.#dispatcher = dispatcher;
    this.#initialSession = initialSession;
    this.#log = log;
    ipc.handle(IPC_CALL_CHANNEL, (event, payload) => this.#call(event, payload));
  }

  /** Lets this window's main frame call the core. */
  attach(contents: ContentsLike): void {
    this.#contents.set(contents.id, contents);
    // Connect as soon as the app page is up, so broadcasts reach it before its first call.
    contents.on('did-finish-load', () => {
      if (!contents.isDestroyed() && isAppUrl(contents.mainFrame.url))
        this.#connection(contents.id);
    });
    contents.on('did-navigate', () => this.#disconnect(contents.id));
    contents.on('destroyed', () => {
      this.#disconnect(contents.id);
      this.#contents.delete(contents.id);
    });
  }

  close(): void {
    this.#ipc.removeHandler(IPC_CALL_CHANNEL);
    for (const id of [...this.#connections.keys()]) this.#disconnect(id);
    this.#contents.clear();
  }

  async #call(event: InvokeEventLike, payload: unknown): Promise<Result<unknown>> {
    const check = checkSender(event, new Set(this.#contents.keys()));
    if (!check.ok) {
      this.#log.warn('Refused IPC call', {
        reason: check.reason,
        url: event.senderFrame?.url.slice(0, 200) ?? null,
      });
      return fail('FORBIDDEN', 'This frame may not call the station');
    }
    const connection = this.#connection(event.sender.id);
    const id = connection.nextCallId++;
    const body = isRecord(payload) ? payload : {};
    const reply = new Promise<Result<unknown>>((resolve) => connection.pending.set(id, resolve));
    await this.#dispatcher.receive(connection.id, {
      kind: 'call',
      id,
      name: body['name'],
      args: body['args'],
    });
    // The dispatcher replies synchronously inside receive(); no reply means the page went away.
    if (!connection.pending.has(id)) return reply;
    connection.pending.delete(id);
    return fail('DISCONNECTED', 'The page changed while the call ran');
  }

  #connection(contentsId: number): Connection {
    const existing = this.#connections.get(contentsId);
    if (existing) return existing;
    const contents = this.#contents.get(contentsId);
    this.#generation += 1;
    const connection: Connection = {
      id: `ipc:${contentsId}:${this.#generation}`,
      nextCallId: 1,
      pending: new Map(),
    };
    this.#dispatcher.connect(
      connection.id,
      this.#initialSession(),
      (message) => {
        if (message.kind === 'reply') {
          connection.pending.get(message.id)?.(message.result);
          connection.pending.delete(message.id);
        } else if (contents && !contents.isDestroyed() && isAppUrl(contents.mainFrame.url)) {
          contents.send(IPC_PUSH_CHANNEL, message);
        }
      },
      { transport: 'ipc', address: 'ipc', local: true },
    );
    this.#connections.set(contentsId, connection);
    return connection;
  }

  #disconnect(contentsId: number): void {
    const connection = this.#connections.get(contentsId);
    if (!connection) return;
    this.#connections.delete(contentsId);
    this.#dispatcher.disconnect(connection.id);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
