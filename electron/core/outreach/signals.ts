import type { ConnectionSource } from '../../transport/dispatcher';

/**
 * In-process signals between the outreach parts (issue 16): visits, calls and stock changes
 * announce themselves here; the board and the queue display listen and push. One instance per
 * station (created in registerOutreach).
 */
export type OutreachSignal =
  | { kind: 'visits'; eventId: string }
  | { kind: 'called'; eventId: string; visitId: string; repeat: boolean }
  | { kind: 'stock'; eventId: string }
  | { kind: 'event'; eventId: string };

export class OutreachSignals {
  readonly #listeners = new Set<(signal: OutreachSignal) => void>();

  on(listener: (signal: OutreachSignal) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(signal: OutreachSignal): void {
    for (const listener of this.#listeners) listener(signal);
  }
}

/**
 * Which desk a connection is: a paired LAN desk's own desk (ConnectionSource.lan), else the desk
 * a screen of this machine claimed (devices-claim), else 'meja-1' (the host laptop).
 */
export interface OutreachDesks {
  deskOf(connectionId: string, source: Readonly<ConnectionSource>): string;
  /** The desk's label for the display, e.g. "Meja 2". */
  labelOf(desk: string): string;
}
