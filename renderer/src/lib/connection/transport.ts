import type {
  CallMessage,
  PushMessage,
  Result,
  ServerMessage,
} from '../../../../electron/contract';
import type { Bridge } from '../../../../electron/contract/bridge';

/** How the renderer reaches the core: Electron IPC through the preload, or a WebSocket. */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  call(name: string, args: unknown): Promise<Result<unknown>>;
  onPush(listener: (message: PushMessage) => void): () => void;
}

export type LinkStatus = 'connecting' | 'open' | 'lost';

const disconnected = (): Result<never> => ({
  ok: false,
  error: { code: 'DISCONNECTED', message: 'Connection closed' },
});

export function bridgeTransport(bridge: Bridge): Transport {
  return {
    kind: 'ipc',
    call: (name, args) =>
      bridge.call({ name, args }).catch((error: unknown): Result<never> => ({
        ok: false,
        error: { code: 'INTERNAL', message: String(error) },
      })),
    onPush: (listener) => bridge.onPush(listener),
  };
}

/** Same origin, path /ws; a LAN-paired page (`?pair=<t>`) passes its token on as `?token=<t>`. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const pair = new URLSearchParams(location.search).get('pair');
  const query = pair ? `?token=${encodeURIComponent(pair)}` : '';
  return `${scheme}//${location.host}/ws${query}`;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

/**
 * A WebSocket that reconnects with backoff. Calls made before the first open wait in a queue;
 * after a drop they fail at once with DISCONNECTED (a citizen must not get a ticket minutes
 * after tapping), and calls in flight resolve with DISCONNECTED so nothing hangs.
 */
export class SocketTransport implements Transport {
  readonly kind = 'websocket';
  readonly #url: string;
  readonly #onStatus: (status: LinkStatus) => void;
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #listeners = new Set<(message: PushMessage) => void>();
  #queue: CallMessage[] = [];
  #socket: WebSocket | null = null;
  #hasOpened = false;
  #attempt = 0;
  #nextId = 1;

  constructor(url: string, onStatus: (status: LinkStatus) => void) {
    this.#url = url;
    this.#onStatus = onStatus;
    this.#connect();
  }

  call(name: string, args: unknown): Promise<Result<unknown>> {
    const message: CallMessage = { kind: 'call', id: this.#nextId++, name, args };
    const socket = this.#socket;
    if (socket?.readyState === WebSocket.OPEN) {
      return this.#await(message, () => socket.send(JSON.stringify(message)));
    }
    if (this.#hasOpened) return Promise.resolve(disconnected());
    return this.#await(message, () => this.#queue.push(message));
  }

  onPush(listener: (message: PushMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #await(message: CallMessage, post: () => void): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      this.#pending.set(message.id, resolve);
      post();
    });
  }

  #connect(): void {
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#hasOpened = true;
      this.#attempt = 0;
      const queued = this.#queue;
      this.#queue = [];
      for (const message of queued) socket.send(JSON.stringify(message));
      this.#onStatus('open');
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = () => {
      const queued = new Set(this.#queue.map((m) => m.id));
      for (const [id, resolve] of this.#pending) {
        if (queued.has(id)) continue;
        resolve(disconnected());
        this.#pending.delete(id);
      }
      this.#socket = null;
      this.#onStatus('lost');
      const delay = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)] ?? 8000;
      this.#attempt += 1;
      setTimeout(() => this.#connect(), delay + Math.floor(Math.random() * 250));
    };
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (message.kind === 'reply') {
      this.#pending.get(message.id)?.(message.result);
      this.#pending.delete(message.id);
    } else if (message.kind === 'push') {
      for (const listener of this.#listeners) listener(message);
    }
  }
}
