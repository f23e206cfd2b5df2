import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { WebSocketServer } from 'ws';
import type { Station } from '../core/compose';
import { MAX_MESSAGE_BYTES } from '../transport/limits';
import { readStatic, SECURITY_HEADERS } from './static-files';

export interface HostOptions {
  host: string;
  port: number;
  rendererDir: string;
  /** Required when host is not loopback. */
  pairingToken: string | null;
  tls: { cert: Buffer; key: Buffer } | null;
  /**
   * Names and addresses LAN clients use for this station (--lan-name), besides the loopback
   * names and, when listening beyond loopback, this machine's own interface addresses.
   */
  lanNames?: readonly string[];
}

export interface RunningHost {
  url: string;
  close(): Promise<void>;
}

/** What a browser may call this station (without the port): the loopback names. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * Serves the built renderer and one WebSocket endpoint (/ws) for the core. Thin on purpose:
 * every call goes through the station's dispatcher.
 */
export function startHost(station: Station, options: HostOptions): Promise<RunningHost> {
  const log = station.deps.ports.log;
  const scheme = options.tls ? 'https' : 'http';
  const isKnownHost = (name: string) => knownHost(name, listening(), scheme, options);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    // DNS rebinding: a page of evil.example whose name now points here reads nothing.
    if (!isKnownHost(req.headers.host ?? '')) {
      res
        .writeHead(421, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
        .end("Alamat ini bukan alamat stasiun. / Not this station's address.");
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    void readStatic(options.rendererDir, req.url ?? '/').then((file) => {
      if (!file) {
        res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler)
    : createHttpServer(handler);
  const listening = () => (server.address() as AddressInfo | null)?.port ?? options.port;
  const wss = new WebSocketServer({
    server,
    path: '/ws',
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ req }: { req: IncomingMessage }) =>
      isAllowedUpgrade(req, {
        pairingToken: options.pairingToken,
        scheme,
        isKnownHost,
      }),
  });
  // Without these an 'error' event ends the process (finding 1.1): every desk and kiosk gone.
  wss.on('error', (error) => log.warn('WebSocket server error', { error: String(error) }));
  server.on('error', (error) => log.warn('HTTP server error', { error: String(error) }));
  wss.on('connection', (socket, req) => {
    const id = `ws:${randomUUID()}`;
    const address = normaliseAddress(req.socket.remoteAddress ?? '');
    station.dispatcher.connect(
      id,
      station.initialSession(),
      (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
      { transport: 'ws', address, local: isLoopbackAddress(address) },
    );
    // A frame ws refuses (too large, reserved opcode, bad UTF-8) ends this socket, not the station:
    // ws has already sent the matching close code (1009, 1002 ...) and closes the socket itself.
    socket.on('error', (error) => {
      log.warn('WebSocket refused a frame', { address, error: String(error) });
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(1003, 'Text frames only');
      void station.dispatcher.receiveText(id, rawText(data));
    });
    socket.on('close', () => station.dispatcher.disconnect(id));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://${formatHost(options.host)}:${address.port}/`,
        close: () =>
          new Promise((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => server.close(() => done()));
          }),
      });
    });
  });
}

/**
 * Refuses cross-site WebSocket hijacking and DNS rebinding (finding 1.2): the Host must be one of
 * this station's names with its port, and the Origin that same scheme with one of those names;
 * in LAN mode the client must also bring the pairing token.
 */
export function isAllowedUpgrade(
  req: IncomingMessage,
  options: {
    pairingToken: string | null;
    scheme: 'http' | 'https';
    isKnownHost(host: string): boolean;
  },
): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host || !options.isKnownHost(host)) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (
    parsed.protocol !== `${options.scheme}:` ||
    parsed.username ||
    parsed.password ||
    parsed.pathname !== '/' ||
    parsed.search ||
    !options.isKnownHost(parsed.host)
  )
    return false;
  if (options.pairingToken === null) return true;
  const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
  const expected = Buffer.from(options.pairingToken);
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `name` or `[v6]`, then an optional port: nothing else may stand in a Host header. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

/**
 * Whether a Host header (or an Origin's host) names this station: a loopback name, a --lan-name,
 * or (listening beyond loopback) one of this machine's addresses, with the listening port (which
 * may be left out only when it is the scheme's default).
 */
export function knownHost(
  header: string,
  port: number,
  scheme: 'http' | 'https',
  options: Pick<HostOptions, 'host' | 'lanNames'>,
): boolean {
  const match = HOST_HEADER.exec(header.toLowerCase());
  if (!match) return false;
  const name = match[1]!.replace(/^\[(.*)\]$/, '$1');
  const given = match[2] === undefined ? (scheme === 'https' ? 443 : 80) : Number(match[2]);
  if (given !== port) return false;
  const names = [...LOOPBACK_NAMES, ...(options.lanNames ?? []).map((n) => n.toLowerCase())];
  if (names.includes(name)) return true;
  if (isLoopback(options.host)) return false;
  return Object.values(networkInterfaces()).some((list) =>
    (list ?? []).some((entry) => entry.address.toLowerCase() === name),
  );
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/** '::ffff:127.0.0.1' -> '127.0.0.1', so one client has one address whatever the socket family. */
function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function isLoopbackAddress(address: string): boolean {
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}

function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return Buffer.isBuffer(data) ? data.toString() : Buffer.from(data).toString();
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
