import type { PushMessage, PushName } from '../../../../electron/contract';

/** Fans push messages out to the listeners of their name. Not reactive: listeners are callbacks. */
export class PushRouter {
  readonly #listeners = new Map<PushName, Set<(payload: unknown) => void>>();

  listen(name: PushName, listener: (payload: unknown) => void): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    this.#listeners.set(name, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  deliver(message: PushMessage): void {
    for (const listener of this.#listeners.get(message.name) ?? []) listener(message.payload);
  }
}
