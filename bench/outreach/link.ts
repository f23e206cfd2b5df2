import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { PushName, Result } from '../../electron/contract';
import type { Client } from '../../electron/transport/client';

/**
 * One connection of the bench (a desk or the queue display). Every time is
 * `performance.now()` of this process, so a desk's reply and the display's push are on one clock.
 */
export interface TimedReply {
  result: Result<unknown>;
  /** When the call left this process. */
  sentAt: number;
  /** When its reply arrived (first thing in the message handler, before parsing). */
  repliedAt: number;
}

export type PushListener = (name: PushName, payload: unknown, at: number) => void;

export interface Link {
  call(name: string, args: unknown): Promise<TimedReply>;
  onPush(listener: PushListener): void;
  close(): void;
}

/** The pushes the bench listens to on an in-memory link (a socket link gets every push). */
const WATCHED: PushName[] = ['outreach-called', 'outreach-display', 'outreach-visits-changed'];

export interface SocketOptions {
  /** The certificate to trust for wss:// (the station's own, self-signed). */
  ca?: string;
  /** A paired device's cookie (`lm_device=...`). */
  cookie?: string;
  /** The host pairing token (`/ws?token=`): a host screen from another machine. */
  token?: string;
}

/** A WebSocket client of the station's /ws endpoint, as a browser is (same Origin rule). */
export function socketLink(url: string, options: SocketOptions = {}): Promise<Link> {
  const origin = new URL(url).origin;
  const query = options.token ? `?token=${encodeURIComponent(options.token)}` : '';
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws${query}`, {
    origin,
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.cookie ? { headers: { cookie: options.cookie } } : {}),
  });
  const pending = new Map<number, { sentAt: number; done: (reply: TimedReply) => void }>();
  const listeners: PushListener[] = [];
  let nextId = 1;
  socket.on('message', (data) => {
    const at = performance.now();
    const message = JSON.parse(String(data)) as
      | { kind: 'reply'; id: number; result: Result<unknown> }
      | { kind: 'push'; name: PushName; payload: unknown };
    if (message.kind === 'reply') {
      const call = pending.get(message.id);
      pending.delete(message.id);
      call?.done({ result: message.result, sentAt: call.sentAt, repliedAt: at });
      return;
    }
    for (const listener of listeners) listener(message.name, message.payload, at);
  });
  socket.on('close', () => {
    const at = performance.now();
    for (const call of pending.values()) {
      call.done({
        result: { ok: false, error: { code: 'DISCONNECTED', message: 'socket closed' } },
        sentAt: call.sentAt,
        repliedAt: at,
      });
    }
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      socket.off('error', reject);
      socket.on('error', () => {});
      resolve({
        call: (name, args) =>
          new Promise((done) => {
            const id = nextId++;
            const sentAt = performance.now();
            pending.set(id, { sentAt, done });
            socket.send(JSON.stringify({ kind: 'call', id, name, args }));
          }),
        onPush: (listener) => void listeners.push(listener),
        close: () => socket.close(),
      });
    });
  });
}

/** The same over an in-process Client (memoryPair): for the bench's own test. */
export function clientLink(client: Client): Link {
  return {
    call: async (name, args) => {
      const sentAt = performance.now();
      const result = await client.sendRaw({ name, args });
      return { result, sentAt, repliedAt: performance.now() };
    },
    onPush: (listener) => {
      for (const name of WATCHED)
        client.listen(name, (payload) => listener(name, payload, performance.now()));
    },
    close: () => client.close(),
  };
}
