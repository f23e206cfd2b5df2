import { randomUUID, X509Certificate } from 'node:crypto';
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
import {
  accessOf,
  cookies,
  DEVICE_COOKIE,
  handlePair,
  hostCookie,
  isLoopbackAddress,
  normaliseAddress,
  type Access,
} from './lan-access';
import { lanAddresses } from './lan-cert';
import { NOT_PAIRED_PAGE, PAIR_PAGE, PAIR_PAGE_CSP } from './pair-page';
import { readStatic, SECURITY_HEADERS } from './static-files';

export interface HostOptions {
  host: string;
  port: number;
  rendererDir: string;
  /**
   * The host pairing token (LAN mode): a browser elsewhere on the LAN that opens /?pair=T is a
   * host screen. Without it only paired devices (lm_device cookie) and loopback clients get in.
   */
  pairingToken: string | null;
  /** Required when host is not loopback (LAN mode: docs/lan.md). */
  tls: { cert: Buffer | string; key: Buffer | string } | null;
  /** When the station made its certificate itself (lan-cert.ts); null or absent when given. */
  certificateMadeAt?: string | null;
  /**
   * Names and addresses LAN clients use for this station (--lan-name), besides the loopback
   * names and, when listening beyond loopback, this machine's own interface addresses.
   */
  lanNames?: readonly string[];
}

export interface RunningHost {
  url: string;
  /** LAN mode: https://ADDRESS:PORT/ for each LAN address and --lan-name; empty otherwise. */
  lanUrls: string[];
  close(): Promise<void>;
}

/** What a browser may call this station (without the port): the loopback names. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * Serves the built renderer and one WebSocket endpoint (/ws) for the core. Thin on purpose:
 * every call goes through the station's dispatcher. In LAN mode (host not loopback; TLS
 * required) a client that is not the machine itself gets nothing without the host pairing token
 * or a paired device's cookie, but the pairing page /pair (docs/lan.md).
 */
export function startHost(station: Station, options: HostOptions): Promise<RunningHost> {
  const log = station.deps.ports.log;
  const scheme = options.tls ? 'https' : 'http';
  const lanMode = !isLoopback(options.host);
  if (lanMode && !options.tls)
    return Promise.reject(new Error('LAN mode (a host beyond loopback) needs TLS'));
  const isKnownHost = (name: string) => knownHost(name, listening(), scheme, options);
  const isSameOrigin = (origin: string | undefined) => isKnownOrigin(origin, scheme, isKnownHost);
  const accessByRequest = new WeakMap<IncomingMessage, Access>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    // DNS rebinding: a page of evil.example whose name now points here reads nothing.
    if (!isKnownHost(req.headers.host ?? '')) {
      res
        .writeHead(421, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
        .end("Alamat ini bukan alamat stasiun. / Not this station's address.");
      return;
    }
    const address = normaliseAddress(req.socket.remoteAddress ?? '');
    let extraHeaders: Record<string, string> = {};
    if (lanMode) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/pair') {
        if (req.method === 'POST') {
          handlePair(req, res, { lan: station.lan, address, isSameOrigin });
          return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, SECURITY_HEADERS).end();
          return;
        }
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-security-policy': PAIR_PAGE_CSP,
          'content-type': 'text/html; charset=utf-8',
        });
        res.end(req.method === 'HEAD' ? undefined : PAIR_PAGE);
        return;
      }
      const access = accessOf(req, {
        lan: station.lan,
        pairingToken: options.pairingToken,
        address,
        queryName: 'pair',
      });
      if (access.kind === 'none') {
        req.resume();
        res
          .writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' })
          .end(req.method === 'HEAD' ? undefined : NOT_PAIRED_PAGE);
        return;
      }
      if (access.kind === 'host' && access.viaQuery && options.pairingToken)
        extraHeaders = { 'set-cookie': hostCookie(options.pairingToken) };
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
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type, ...extraHeaders });
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
    verifyClient: ({ req }: { req: IncomingMessage }) => {
      if (!isAllowedUpgrade(req, { scheme, isKnownHost })) return false;
      const address = normaliseAddress(req.socket.remoteAddress ?? '');
      const access: Access = lanMode
        ? accessOf(req, {
            lan: station.lan,
            pairingToken: options.pairingToken,
            address,
            queryName: 'token',
          })
        : { kind: 'local' };
      if (access.kind === 'none') return false;
      accessByRequest.set(req, access);
      return true;
    },
  });
  // Without these an 'error' event ends the process (finding 1.1): every desk and kiosk gone.
  wss.on('error', (error) => log.warn('WebSocket server error', { error: String(error) }));
  server.on('error', (error) => log.warn('HTTP server error', { error: String(error) }));
  wss.on('connection', (socket, req) => {
    const id = `ws:${randomUUID()}`;
    const address = normaliseAddress(req.socket.remoteAddress ?? '');
    const access = accessByRequest.get(req);
    // A device removed between the upgrade check and now is refused here too.
    const device = access?.kind === 'device' ? station.lan.deviceByToken(deviceTokenOf(req)) : null;
    if (!access || (access.kind === 'device' && !device)) {
      socket.terminate();
      return;
    }
    station.dispatcher.connect(
      id,
      station.initialSession(),
      (message) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
      {
        transport: 'ws',
        address,
        local: isLoopbackAddress(address),
        lan: device
          ? {
              deviceId: device.deviceId,
              kind: device.kind,
              desk: device.desk,
              label: device.label,
            }
          : null,
      },
      () => socket.terminate(),
    );
    if (device) station.lan.connected(id, device);
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
      const lanUrls = lanMode
        ? [
            ...lanAddresses()
              .sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')))
              .map((a) => `${scheme}://${formatHost(a)}:${address.port}/`),
            ...(options.lanNames ?? []).map((n) => `${scheme}://${formatHost(n)}:${address.port}/`),
          ]
        : [];
      if (lanMode && options.tls)
        station.lan.attachHost({
          urls: lanUrls,
          fingerprint: new X509Certificate(options.tls.cert).fingerprint256,
          certificateMadeAt: options.certificateMadeAt ?? null,
        });
      resolve({
        url: `${scheme}://${formatHost(options.host)}:${address.port}/`,
        lanUrls,
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
 * this station's names with its port, and the Origin that same scheme with one of those names.
 * In LAN mode the host then also wants the pairing token or a paired device (lan-access.ts).
 */
export function isAllowedUpgrade(
  req: IncomingMessage,
  options: {
    scheme: 'http' | 'https';
    isKnownHost(host: string): boolean;
  },
): boolean {
  const host = req.headers.host;
  if (!host || !options.isKnownHost(host)) return false;
  return isKnownOrigin(req.headers.origin, options.scheme, options.isKnownHost);
}

/** An Origin header naming this station: the scheme, a known host with the port, nothing else. */
function isKnownOrigin(
  origin: string | undefined,
  scheme: 'http' | 'https',
  isKnownHost: (host: string) => boolean,
): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${scheme}:` &&
    !parsed.username &&
    !parsed.password &&
    parsed.pathname === '/' &&
    !parsed.search &&
    isKnownHost(parsed.host)
  );
}

function deviceTokenOf(req: IncomingMessage): string {
  return cookies(req).get(DEVICE_COOKIE) ?? '';
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

function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return Buffer.isBuffer(data) ? data.toString() : Buffer.from(data).toString();
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
