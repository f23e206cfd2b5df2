import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Station } from '../core/compose';
import { readStatic, SECURITY_HEADERS } from './static-files';

export interface HostOptions {
  host: string;
  port: number;
  rendererDir: string;
  /** Required when host is not loopback. */
  pairingToken: string | null;
  tls: { cert: Buffer; key: Buffer } | null;
}

export interface RunningHost {
  url: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * Serves the built renderer and one WebSocket endpoint (/ws) for the core. Thin on purpose:
 * every call goes through the station's dispatcher.
 */
export function startHost(station: Station, options: HostOptions): Promise<RunningHost> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
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
  const wss = new WebSocketServer({
    server,
    path: '/ws',
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ req }: { req: IncomingMessage }) => isAllowedUpgrade(req, options),
  });
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
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(1003, 'Text frames only');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        parsed = null;
      }
      void station.dispatcher.receive(id, parsed);
    });
    socket.on('close', () => station.dispatcher.disconnect(id));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address() as AddressInfo;
      const scheme = options.tls ? 'https' : 'http';
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
 * Refuses cross-site WebSocket hijacking (a page on another origin in the same browser) and,
 * in LAN mode, any client without the pairing token.
 */
export function isAllowedUpgrade(
  req: IncomingMessage,
  options: Pick<HostOptions, 'pairingToken'>,
): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  if (originHost !== host) return false;
  if (options.pairingToken === null) return true;
  const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? '';
  const expected = Buffer.from(options.pairingToken);
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
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

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
