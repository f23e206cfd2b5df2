import { connect as connectTcp } from 'node:net';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { clientFrame, upgradeRequest } from '../../electron/server/ws-raw';

export interface Reply {
  ok: boolean;
  value?: unknown;
  error?: {
    code: string;
    message: string;
    reason?: string;
    fields?: string[];
    retryAfterMs?: number;
  };
}

/** What became of one message: a reply, the socket closed by the server, or no answer at all. */
export type Outcome =
  | { kind: 'reply'; reply: Reply; id: number }
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'timeout' };

/** Longest wait for one answer: a hang, not slowness (a normal call takes milliseconds). */
export const ANSWER_TIMEOUT_MS = 60_000;

/** One WebSocket to the station, as a browser tab would open it (Origin matching Host). */
export class FuzzSocket {
  readonly #socket: WebSocket;
  /** Calls go one at a time: the next reply answers the one message in flight. */
  #waiting: ((outcome: Outcome) => void) | null = null;
  #nextId = 1;
  #closed: { code: number; reason: string } | null = null;
  /** Push names received (session-changed tells the harness to sign in again). */
  readonly pushes: string[] = [];

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.#onMessage(data.toString()));
    socket.on('close', (code, reason) => {
      this.#closed = { code, reason: reason.toString() };
      this.#waiting?.({ kind: 'closed', ...this.#closed });
      this.#waiting = null;
    });
    socket.on('error', () => undefined);
  }

  static open(url: string): Promise<FuzzSocket> {
    const http = new URL(url);
    const wsUrl = `${http.protocol === 'https:' ? 'wss' : 'ws'}://${http.host}/ws`;
    const socket = new WebSocket(wsUrl, { origin: `${http.protocol}//${http.host}` });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new FuzzSocket(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`WebSocket upgrade refused: ${res.statusCode}`)),
      );
    });
  }

  get isOpen(): boolean {
    return this.#closed === null && this.#socket.readyState === WebSocket.OPEN;
  }

  #onMessage(text: string): void {
    let message: { kind?: string; id?: number; result?: Reply; name?: string };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.kind === 'push' && typeof message.name === 'string') {
      this.pushes.push(message.name);
      return;
    }
    if (message.kind !== 'reply' || !message.result) return;
    const resolve = this.#waiting;
    this.#waiting = null;
    // An id the dispatcher could not echo as a number (Infinity) comes back as null: -1 here.
    resolve?.({ kind: 'reply', reply: message.result, id: message.id ?? -1 });
  }

  /** A well-formed call; `argsText` is the JSON text of the arguments as it goes on the wire. */
  call(name: string, argsText: string): Promise<Outcome> {
    const id = this.#nextId++;
    return this.sendText(
      `{"kind":"call","id":${id},"name":${JSON.stringify(name)},"args":${argsText}}`,
    );
  }

  /** Sends any text frame and waits for the next reply (or the socket's end). */
  sendText(text: string): Promise<Outcome> {
    if (this.#closed) return Promise.resolve({ kind: 'closed', ...this.#closed });
    return this.#await(() => this.#socket.send(text));
  }

  /** A binary frame: the server closes the socket (text frames only). */
  sendBinary(bytes: Buffer): Promise<Outcome> {
    if (this.#closed) return Promise.resolve({ kind: 'closed', ...this.#closed });
    return this.#await(() => this.#socket.send(bytes, { binary: true }));
  }

  #await(send: () => void): Promise<Outcome> {
    if (this.#waiting) throw new Error('One message at a time on a fuzz socket');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiting = null;
        resolve({ kind: 'timeout' });
      }, ANSWER_TIMEOUT_MS);
      this.#waiting = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      send();
    });
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.close();
    });
  }
}

/**
 * Raw frames a WebSocket library will not send: reserved opcodes, RSV bits, unmasked client
 * frames, lengths that lie, control frames too long. Each goes on a socket of its own after a
 * real upgrade; resolves once the server has closed that socket (or answered, for a frame that
 * is valid after all).
 */
export const RAW_FRAMES: Record<string, Buffer> = {
  'reserved-opcode-3': clientFrame(0x83, Buffer.from('ab')),
  'reserved-opcode-b': clientFrame(0x8b, Buffer.from('')),
  'rsv1-without-extension': clientFrame(0xc1, Buffer.from('{}')),
  'rsv3-set': clientFrame(0x91, Buffer.from('{}')),
  'unmasked-text': clientFrame(0x81, Buffer.from('{}'), false),
  'continuation-without-start': clientFrame(0x80, Buffer.from('{}')),
  'ping-too-long': clientFrame(0x89, Buffer.alloc(200, 1)),
  'fragmented-close': clientFrame(0x08, Buffer.from([0x03, 0xe8])),
  'invalid-utf8-text': clientFrame(0x81, Buffer.from([0xff, 0xfe, 0xc0, 0xaf])),
  'close-bad-code': clientFrame(0x88, Buffer.from([0x00, 0x01])),
  'length-2^63': Buffer.concat([
    Buffer.from([0x81, 0xff]),
    Buffer.from([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    randomBytes(4),
  ]),
  'length-over-max-payload': Buffer.concat([
    Buffer.from([0x81, 0xff]),
    Buffer.from([0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff]),
    randomBytes(4),
  ]),
};

/**
 * Upgrades a plain TCP connection and writes `bytes` after the handshake. Resolves 'closed' when
 * the server ends the connection, 'open' if it is still open after the server answered a ping
 * sent behind the bad bytes (the server read them and carried on), 'refused' if the upgrade failed.
 */
export function sendRawFrame(url: string, bytes: Buffer): Promise<'closed' | 'open' | 'refused'> {
  const http = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(http.port), http.hostname);
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let settled = false;
    const done = (how: 'closed' | 'open' | 'refused') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(how);
    };
    const timer = setTimeout(() => done('open'), ANSWER_TIMEOUT_MS);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') done('closed');
      else if (!settled) {
        settled = true;
        reject(error);
      }
    });
    socket.on('close', () => done(upgraded ? 'closed' : 'refused'));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffer.subarray(0, end).toString();
        buffer = buffer.subarray(end + 4);
        if (!head.startsWith('HTTP/1.1 101')) return done('refused');
        upgraded = true;
        socket.write(bytes);
        // A ping behind the bad bytes: a pong back means the server is still reading this socket.
        socket.write(clientFrame(0x89, Buffer.from('fz')));
        return;
      }
      // Server frames are unmasked: a close frame (the server refused the bytes) or our pong.
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = (buffer[0] as number) & 0x0f;
        const short = (buffer[1] as number) & 0x7f;
        const header = short === 126 ? 4 : short === 127 ? 10 : 2;
        if (buffer.length < header) return;
        const length =
          short === 126
            ? buffer.readUInt16BE(2)
            : short === 127
              ? Number(buffer.readBigUInt64BE(2))
              : short;
        if (opcode === 0x8) return done('closed');
        if (opcode === 0xa) return done('open');
        if (buffer.length < header + length) return;
        buffer = buffer.subarray(header + length);
      }
    });
    socket.write(upgradeRequest(http));
  });
}
