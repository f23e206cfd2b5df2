import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { LanDeviceKind, LanPairingOffer, ServerMessage } from '../contract';
import { makeCertificate, type LanCertificate } from '../server/lan-cert';
import { startHost, type RunningHost } from '../server/ws-host';
import { Client } from '../transport/client';
import type { Session } from '../transport/dispatcher';
import { memoryPair } from '../transport/memory-pair';
import { createTestStation, type TestStation } from './station';

/**
 * LAN test support (docs/lan.md; issue 16 item 3), for the LAN tests, the outreach e2e and the
 * outreach bench:
 *
 *   const lan = await startLanTestHost();            // a real station, TLS, listening on 0.0.0.0
 *   const desk = await pairDevice(lan, { kind: 'desk', desk: 'meja-2', label: 'Meja 2' });
 *   const { client } = await lanSocket(lan, { cookie: desk.cookie }); // a socket as that desk
 *   ...
 *   await lan.close();
 *
 * Every request goes to this machine's LAN address (lanIPv4(), e.g. 192.0.2.2), never to
 * loopback: the station treats loopback clients as its own screens.
 */

/** This machine's first non-internal IPv4 address; throws a clear error when it has none. */
export function lanIPv4(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const entry of list ?? [])
      if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  throw new Error(
    'LAN tests need a non-loopback IPv4 address (os.networkInterfaces() lists none): ' +
      'run them on a machine with a network interface up.',
  );
}

export interface LanTestHost {
  station: TestStation;
  host: RunningHost;
  /** The LAN address requests go to, e.g. 192.0.2.2. */
  address: string;
  port: number;
  /** https://ADDRESS:PORT (no trailing slash). */
  origin: string;
  /** The host pairing token: `${origin}/?pair=${token}` is a host screen. */
  token: string;
  /** The station's certificate (made for this run); `ca` for clients is `certificate.cert`. */
  certificate: LanCertificate;
  /** A supervisor on the host's own screen (in memory, like a loopback screen). */
  supervisor: Client;
  close(): Promise<void>;
}

export const LAN_SUPERVISOR: Session = {
  role: 'supervisor',
  userName: 'Rina Kartika',
  mode: 'officer',
  userId: 'user-rina',
};

let supervisors = 0;

/**
 * A test station served on 0.0.0.0 (an ephemeral port) over TLS with a certificate for this
 * machine's addresses, with a host token; the renderer folder holds only an index.html unless
 * `rendererDir` is given. `station` reuses one (its clock and data); it is disposed by close().
 */
export async function startLanTestHost(
  options: { station?: TestStation; rendererDir?: string; token?: string } = {},
): Promise<LanTestHost> {
  const address = lanIPv4();
  const station = options.station ?? (await createTestStation());
  let rendererDir = options.rendererDir;
  if (!rendererDir) {
    rendererDir = mkdtempSync(join(tmpdir(), 'lm-lan-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lakon Mandira</title>');
    writeFileSync(join(rendererDir, 'app.js'), 'console.log("app");');
  }
  const certificate = makeCertificate(['localhost', '127.0.0.1', '::1', address], new Date());
  const token = options.token ?? randomBytes(24).toString('base64url');
  const host = await startHost(station, {
    host: '0.0.0.0',
    port: 0,
    rendererDir,
    pairingToken: token,
    tls: { cert: certificate.cert, key: certificate.key },
    certificateMadeAt: certificate.madeAt,
  });
  const port = Number(new URL(host.url).port);
  const supervisor = memoryPair(
    station.dispatcher,
    `lan-test-supervisor-${supervisors++}`,
    LAN_SUPERVISOR,
  );
  return {
    station,
    host,
    address,
    port,
    origin: `https://${address}:${port}`,
    token,
    certificate,
    supervisor,
    close: async () => {
      await host.close();
      await station.dispose();
    },
  };
}

/** Moves the test station's fixed clock on (offer expiry, failure windows). */
export function advanceClock(station: TestStation, ms: number): void {
  const clock = station.ports.clock as Partial<{ advance(ms: number): void }>;
  if (typeof clock.advance !== 'function') throw new Error('This station has no fixed clock');
  clock.advance(ms);
}

export interface LanResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTPS request to the test host's LAN address, trusting only its certificate. Headers are
 * sent exactly as given (no Origin unless you give one).
 */
export function lanRequest(
  lan: Pick<LanTestHost, 'address' | 'port' | 'certificate'>,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<LanResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: lan.address,
        port: lan.port,
        path,
        method: options.method ?? 'GET',
        ca: lan.certificate.cert,
        headers: { host: `${lan.address}:${lan.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST /pair with `code` as the pairing page sends it (same origin, JSON). */
export function postPairCode(
  lan: Pick<LanTestHost, 'address' | 'port' | 'certificate' | 'origin'>,
  code: string,
  headers: Record<string, string> = {},
): Promise<LanResponse> {
  return lanRequest(lan, '/pair', {
    method: 'POST',
    headers: { origin: lan.origin, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code }),
  });
}

/** A pairing offer made by the host's supervisor (lan-pair-offer); throws when refused. */
export async function offerPairing(
  lan: Pick<LanTestHost, 'supervisor'>,
  offer: { kind: LanDeviceKind; desk: string | null; label: string },
): Promise<LanPairingOffer> {
  const result = await lan.supervisor.send('lan-pair-offer', offer);
  if (!result.ok) throw new Error(`lan-pair-offer refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The code of a pairing URL (https://ADDRESS:PORT/pair#CODE). */
export function codeOf(url: string): string {
  return new URL(url).hash.slice(1);
}

export interface PairedDevice {
  deviceId: string;
  /** The device token (the cookie's value). */
  token: string;
  /** What a browser sends back: `lm_device=<token>`. */
  cookie: string;
  /** The Set-Cookie header as the station sent it. */
  setCookie: string;
}

/** Offers a pairing and redeems it from the LAN address, as a new browser would. */
export async function pairDevice(
  lan: LanTestHost,
  offer: { kind: LanDeviceKind; desk: string | null; label: string },
): Promise<PairedDevice> {
  const made = await offerPairing(lan, offer);
  const response = await postPairCode(lan, codeOf(made.url));
  const setCookie = [response.headers['set-cookie'] ?? []].flat()[0] ?? '';
  const token = /^lm_device=([^;]+)/.exec(setCookie)?.[1];
  if (response.status !== 200 || !token)
    throw new Error(`Pairing failed: ${response.status} ${response.body}`);
  const device = lan.station.lan.deviceByToken(token);
  if (!device) throw new Error('The paired device is unknown to the station');
  return { deviceId: device.deviceId, token, cookie: `lm_device=${token}`, setCookie };
}

export interface LanSocket {
  client: Client;
  socket: WebSocket;
  /** Resolves with the close code once the socket closes (by either side). */
  closed: Promise<number>;
}

/**
 * A WebSocket to the test host's LAN address as a browser of that origin: with a device cookie,
 * or the host token (`?token=`), or neither. Rejects with the HTTP status of a refusal
 * ("Unexpected server response: 401").
 */
export function lanSocket(
  lan: Pick<LanTestHost, 'origin' | 'certificate'>,
  options: { cookie?: string; token?: string; origin?: string } = {},
): Promise<LanSocket> {
  const url = `${lan.origin.replace(/^https/, 'wss')}/ws${options.token ? `?token=${encodeURIComponent(options.token)}` : ''}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      origin: options.origin ?? lan.origin,
      ca: lan.certificate.cert,
      headers: options.cookie ? { cookie: options.cookie } : {},
    });
    const client = new Client((message) => socket.send(JSON.stringify(message)));
    const closed = new Promise<number>((done) =>
      socket.on('close', (code) => {
        client.close();
        done(code);
      }),
    );
    socket.on('message', (data) =>
      client.deliver(JSON.parse(String(data as Buffer)) as ServerMessage),
    );
    socket.once('open', () => resolve({ client, socket, closed }));
    socket.once('error', reject);
  });
}
