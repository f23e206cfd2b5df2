import type {
  CallMessage,
  HandlerArgs,
  HandlerName,
  HandlerResult,
  PushEvents,
  PushName,
  Result,
  ServerMessage,
} from '../contract';

/**
 * A typed client over any message link. Used by Node-side tests and tools; the renderer has its
 * own equivalent in renderer/src/lib/connection because it may import only types from here.
 */
export class Client {
  readonly #pending = new Map<number, (result: Result<unknown>) => void>();
  readonly #listeners = new Map<string, Set<(payload: unknown) => void>>();
  readonly #post: (message: CallMessage) => void;
  #nextId = 1;

  constructor(post: (message: CallMessage) => void) {
    this.#post = post;
  }

  send<N extends HandlerName>(name: N, args: HandlerArgs<N>): Promise<Result<HandlerResult<N>>> {
    return this.sendRaw({ name, args }) as Promise<Result<HandlerResult<N>>>;
  }

  /** Sends an unchecked call; tests use it to prove the dispatcher refuses bad input. */
  sendRaw(call: { name: string; args: unknown }): Promise<Result<unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#post({ kind: 'call', id, name: call.name, args: call.args });
    });
  }

  listen<N extends PushName>(name: N, listener: (payload: PushEvents[N]) => void): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    this.#listeners.set(name, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  deliver(message: ServerMessage): void {
    if (message.kind === 'reply') {
      this.#pending.get(message.id)?.(message.result);
      this.#pending.delete(message.id);
      return;
    }
    for (const listener of this.#listeners.get(message.name) ?? []) listener(message.payload);
  }

  /** Resolves every waiting call with DISCONNECTED; nothing hangs when a link drops. */
  close(): void {
    for (const resolve of this.#pending.values()) {
      resolve({ ok: false, error: { code: 'DISCONNECTED', message: 'Connection closed' } });
    }
    this.#pending.clear();
  }
}
