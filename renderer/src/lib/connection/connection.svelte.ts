import type {
  AppError,
  ErrorCode,
  HandlerArgs,
  HandlerName,
  HandlerResult,
  PushEvents,
  PushName,
  Result,
} from '../../../../electron/contract';
import { errorMessage } from '../i18n/i18n.svelte';
import { PushRouter } from './push-router';
import {
  bridgeTransport,
  socketUrl,
  SocketTransport,
  type LinkStatus,
  type Transport,
} from './transport';

/** The one link to the core. Screens use send()/sendCatch()/listen(), never the transport. */
class Connection {
  status = $state<LinkStatus>('connecting');
  /** Counts (re)opens: a new server connection starts a new session, so screens reload on change. */
  opens = $state(0);
  readonly #router = new PushRouter();
  #transport: Transport | null = null;

  get isLost(): boolean {
    return this.status === 'lost';
  }

  get kind(): Transport['kind'] | null {
    return this.#transport?.kind ?? null;
  }

  /** Picks IPC when the Electron preload gave us a bridge, otherwise a WebSocket to this origin. */
  start(): Transport {
    if (this.#transport) return this.#transport;
    const bridge = window.bridge;
    const transport = bridge
      ? bridgeTransport(bridge)
      : new SocketTransport(socketUrl(window.location), (status) => this.#setStatus(status));
    this.#transport = transport;
    transport.onPush((message) => this.#router.deliver(message));
    if (bridge) this.#setStatus('open');
    return transport;
  }

  call(name: string, args: unknown): Promise<Result<unknown>> {
    return (this.#transport ?? this.start()).call(name, args);
  }

  listen(name: PushName, listener: (payload: unknown) => void): () => void {
    return this.#router.listen(name, listener);
  }

  #setStatus(status: LinkStatus): void {
    this.status = status;
    if (status === 'open') this.opens += 1;
  }
}

export const connection = new Connection();

export function send<N extends HandlerName>(
  name: N,
  args: HandlerArgs<N>,
): Promise<Result<HandlerResult<N>>> {
  return connection.call(name, args) as Promise<Result<HandlerResult<N>>>;
}

export type Caught<T> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; error: AppError; message: string };

/** send() with the error already translated for the current language, ready for a Banner. */
export async function sendCatch<N extends HandlerName>(
  name: N,
  args: HandlerArgs<N>,
): Promise<Caught<HandlerResult<N>>> {
  const result = await send(name, args);
  if (result.ok) return result;
  const code = result.error.code;
  const message = errorMessage(code, result.error.retryAfterMs);
  return { ok: false, code, error: result.error, message };
}

export function listen<P extends PushName>(
  name: P,
  listener: (payload: PushEvents[P]) => void,
): () => void {
  return connection.listen(name, listener as (payload: unknown) => void);
}
