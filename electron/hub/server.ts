import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIPv4, type AddressInfo } from 'node:net';
import { publicKeyFromRaw } from '../protocol/packet/keys';
import {
  MAX_CLOCK_SKEW_MS,
  SIGNED_HEADERS,
  clockSkewMs,
  isWithinClockWindow,
  parseSignedHeaders,
  verifyRequestSignature,
} from '../protocol/request-signing';
import { MAX_PIECE_BYTES } from './context';
import type { Hub } from './hub';
import { handleOffice, isOfficePath, type OfficeServerOptions } from './office/server';
import { UpdateWaits, type WaitEvent, type WaitLimits } from './update-waits';

/**
 * The hub's HTTP endpoints (docs/sync-protocol.md). Every request is signed by an enrolled
 * station, within minutes of the hub's clock and with a nonce used once; the signature is checked
 * from the headers before any body is read. Answers are JSON. Success is 201 (created, receipt)
 * or 202 (accepted, keep going), so a captive portal's 200 is never mistaken for the hub.
 * With `tls` the same endpoints are served over HTTPS (TLS 1.2 at least, HSTS on every answer).
 */
export interface HubServer {
  server: Server;
  /** `https://host:port` with TLS, else `http://host:port`. */
  url: string;
  /** Long-polls of /v1/updates/wait held now. */
  readonly waiting: number;
  close(): Promise<void>;
}

export interface HubServerOptions {
  host?: string | undefined;
  port?: number | undefined;
  now?: (() => Date) | undefined;
  onError?: ((error: unknown) => void) | undefined;
  /** Serve HTTPS with this certificate chain and key (PEM). */
  tls?: { cert: Buffer | string; key: Buffer | string } | undefined;
  /**
   * Plain HTTP on an address other than loopback: a lab only (the CLI's --insecure-http).
   * Without it startHubServer refuses such an address unless `tls` is given.
   */
  allowInsecureHttp?: boolean | undefined;
  /** Limits of the long-polls (update-waits.ts; tests shorten the hold). */
  waits?: Partial<WaitLimits> | undefined;
  /** Each long-poll as it is held and as it ends (tests synchronise on it). */
  onWait?: ((event: WaitEvent) => void) | undefined;
  /** The back-office at `/`, `/office/...` (office/server.ts). */
  office?: OfficeServerOptions | undefined;
}

/** HSTS on every TLS answer: a browser that met the hub over HTTPS never tries plain HTTP. */
const HSTS = 'max-age=31536000';

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped or bracketed address) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || bare === 'localhost';
}

/** Why a hub server may not start this way; null when it may. */
export function insecureServeProblem(
  host: string,
  options: { hasTls: boolean; allowInsecureHttp?: boolean | undefined },
): string | null {
  if (options.hasTls || options.allowInsecureHttp || isLoopbackHost(host)) return null;
  return (
    `refusing to serve plain HTTP on ${host}: stations and district staff would talk to the hub ` +
    'unencrypted. Give --tls-cert FILE --tls-key FILE (HTTPS), serve on 127.0.0.1 behind a TLS ' +
    'proxy, or, in a lab only, --insecure-http.'
  );
}

const PACKET_PATH = /^\/v1\/packets\/([0-9a-f-]{8,64})(\/commit)?$/;

export async function startHubServer(hub: Hub, options: HubServerOptions = {}): Promise<HubServer> {
  const host = options.host ?? '127.0.0.1';
  const problem = insecureServeProblem(host, {
    hasTls: Boolean(options.tls),
    allowInsecureHttp: options.allowInsecureHttp,
  });
  if (problem) throw new Error(problem);
  const now = options.now ?? (() => new Date());
  const standIn = generateKeyPairSync('ed25519').publicKey;
  const waits = new UpdateWaits(hub, options.waits, options.onWait);
  const isTls = Boolean(options.tls);
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (isTls) res.setHeader('strict-transport-security', HSTS);
    // The back-office (office/server.ts) has its own paths, sessions and checks.
    (isOfficePath(new URL(req.url ?? '/', 'http://hub').pathname)
      ? handleOffice(hub, req, res, options.office)
      : handle(hub, waits, req, res, now, standIn)
    ).catch((error: unknown) => {
      // A client that went away mid-request (a cut link) is normal: nothing was stored for it.
      if (req.destroyed || (error as { code?: string }).code === 'ECONNRESET') {
        res.destroy();
        return;
      }
      if (!res.headersSent) send(res, 500, { reason: 'INTERNAL', message: 'hub error' });
      else res.destroy();
      options.onError?.(error);
    });
  };
  const server: Server = options.tls
    ? createHttpsServer(
        { cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' },
        listener,
      )
    : createServer(listener);
  // A slow link may take long per piece; a stuck socket is dropped after two minutes.
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    server,
    url: `${isTls ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${port}`,
    get waiting() {
      return waits.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        waits.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(bytes);
}

/**
 * A refusal before the body was read (or while it was too large): the body is never read, and
 * the connection is closed after the answer instead of being drained for the next request.
 */
function refuseUnread(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, body, { connection: 'close' });
}

/** Largest body of the JSON requests (announce, updates, commit). */
const MAX_JSON_BODY = 4096;

type Route =
  | { kind: 'announce'; maxBody: number }
  | { kind: 'updates'; maxBody: number }
  | { kind: 'wait'; maxBody: number }
  | { kind: 'piece'; packetId: string; maxBody: number }
  | { kind: 'commit'; packetId: string; maxBody: number };

function routeOf(method: string, pathname: string): Route | null {
  if (method === 'POST' && pathname === '/v1/packets')
    return { kind: 'announce', maxBody: MAX_JSON_BODY };
  if (method === 'POST' && pathname === '/v1/updates')
    return { kind: 'updates', maxBody: MAX_JSON_BODY };
  if (method === 'POST' && pathname === '/v1/updates/wait')
    return { kind: 'wait', maxBody: MAX_JSON_BODY };
  const match = PACKET_PATH.exec(pathname);
  if (match?.[1] && !match[2] && method === 'PUT')
    return { kind: 'piece', packetId: match[1], maxBody: MAX_PIECE_BYTES };
  if (match?.[1] && match[2] && method === 'POST')
    return { kind: 'commit', packetId: match[1], maxBody: MAX_JSON_BODY };
  return null;
}

/**
 * Reads a body of at most `limit` bytes, hashing it as it arrives; stops reading (and leaves the
 * rest unread) as soon as it is over the limit. The hash must be the one the signature covers.
 */
function readBody(
  req: IncomingMessage,
  limit: number,
  sha256: string,
): Promise<Buffer | 'TOO_LARGE' | 'BODY_MISMATCH'> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const parts: Buffer[] = [];
    let size = 0;
    let isDone = false;
    const settle = (fn: () => void) => {
      if (isDone) return;
      isDone = true;
      req.off('data', onData);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle(() => resolve('TOO_LARGE'));
        return;
      }
      hash.update(chunk);
      parts.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () =>
      settle(() =>
        resolve(hash.digest('hex') === sha256 ? Buffer.concat(parts, size) : 'BODY_MISMATCH'),
      ),
    );
    req.once('error', (error) => settle(() => reject(error)));
    req.once('close', () =>
      settle(() =>
        reject(Object.assign(new Error('request cut before its end'), { code: 'ECONNRESET' })),
      ),
    );
  });
}

/** The same answer for an unknown or revoked unit and a bad signature (nothing to learn). */
const BAD_SIGNATURE = { reason: 'BAD_SIGNATURE', message: 'request signature' } as const;

async function handle(
  hub: Hub,
  waits: UpdateWaits,
  req: IncomingMessage,
  res: ServerResponse,
  now: () => Date,
  standIn: KeyObject,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const method = req.method ?? 'GET';
  const route = routeOf(method, url.pathname);
  if (!route)
    return refuseUnread(res, 404, { reason: 'NO_ROUTE', message: `${method} ${url.pathname}` });
  // Everything up to the signature is checked from the headers alone: nothing of the body is
  // read for a request that is too large, unsigned, out of time or not from an enrolled station.
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > route.maxBody)
    return refuseUnread(res, 413, {
      reason: 'TOO_LARGE',
      message: `body over ${route.maxBody} bytes`,
    });
  const signed = parseSignedHeaders((name) => header(req, name));
  if (!signed)
    return refuseUnread(res, 401, {
      reason: 'NOT_SIGNED',
      message: Object.values(SIGNED_HEADERS).join(', '),
    });
  const at = now();
  const skewMs = clockSkewMs(signed, at);
  if (!isWithinClockWindow(skewMs))
    return refuseUnread(res, 401, {
      reason: 'CLOCK_SKEW',
      message: `the station's clock is ${Math.round(Math.abs(skewMs) / 1000)} s ${
        skewMs > 0 ? 'ahead of' : 'behind'
      } the hub's (allowed: ${MAX_CLOCK_SKEW_MS / 1000} s)`,
      skewMs,
      hubTime: at.toISOString(),
    });
  const key = await hub.activeStationKey(signed.unitId);
  // An unknown unit is checked against a stand-in key, so both refusals take the same work.
  const isSigned = verifyRequestSignature(
    key ? publicKeyFromRaw('ed25519', key) : standIn,
    signed,
    method,
    url.pathname + url.search,
  );
  if (!key || !isSigned) return refuseUnread(res, 401, BAD_SIGNATURE);
  const forgetBefore = new Date(at.getTime() - 2 * MAX_CLOCK_SKEW_MS).toISOString();
  if (!(await hub.rememberNonce(signed.unitId, signed.nonce, signed.time, forgetBefore)))
    return refuseUnread(res, 409, {
      reason: 'REPLAYED',
      message: 'this request was answered already',
    });

  const body = await readBody(req, route.maxBody, signed.bodySha256);
  if (body === 'TOO_LARGE')
    return refuseUnread(res, 413, {
      reason: 'TOO_LARGE',
      message: `body over ${route.maxBody} bytes`,
    });
  if (body === 'BODY_MISMATCH')
    return send(res, 400, {
      reason: 'BODY_MISMATCH',
      message: 'the body differs from the signed x-lm-body-sha256',
    });
  const unitId = signed.unitId;

  if (route.kind === 'announce') {
    let announce: { packetId?: unknown; sha256?: unknown; size?: unknown };
    try {
      announce = JSON.parse(body.toString('utf8')) as typeof announce;
    } catch {
      return send(res, 400, { reason: 'NOT_JSON', message: 'announce body' });
    }
    const result = await hub.announce(unitId, {
      packetId: String(announce.packetId),
      sha256: String(announce.sha256),
      size: Number(announce.size),
    });
    if (!result.ok) return send(res, result.status, result);
    return send(res, 201, result);
  }
  if (route.kind === 'updates' || route.kind === 'wait') {
    let pull: { after?: unknown };
    try {
      pull = JSON.parse(body.toString('utf8')) as typeof pull;
    } catch {
      return send(res, 400, { reason: 'NOT_JSON', message: 'updates body' });
    }
    const after = Number(pull.after);
    if (!Number.isSafeInteger(after) || after < 0)
      return send(res, 400, { reason: 'BAD_AFTER', message: 'after' });
    if (route.kind === 'wait') return answerWait(waits, res, unitId, after);
    // Sealed to the station: issued documents carry NIK and No. KK.
    const sealed = await hub.sealedUpdatesFor(unitId, after, 'http');
    if (!sealed) return send(res, 401, BAD_SIGNATURE);
    return send(res, 201, { sealed });
  }
  if (route.kind === 'piece') {
    const offset = Number(url.searchParams.get('offset'));
    if (!Number.isSafeInteger(offset) || offset < 0)
      return send(res, 400, { reason: 'BAD_OFFSET', message: 'offset' });
    const result = await hub.appendData(unitId, route.packetId, offset, body);
    if (!result.ok) return send(res, result.status, result);
    return send(res, 202, result);
  }
  const result = await hub.commit(unitId, route.packetId);
  if (!result.ok) return send(res, result.status, result);
  return send(res, 201, { receipt: result.receipt, isDuplicate: result.isDuplicate });
}

/**
 * The long-poll: `201 { ready: true }` as soon as an update after `after` exists, `201 { ready:
 * false }` when none came within the hold (or a newer wait of the unit took over). It says only
 * that there is something: the station then pulls /v1/updates as usual. A closed connection ends
 * the wait (and removes it) at once.
 */
async function answerWait(
  waits: UpdateWaits,
  res: ServerResponse,
  unitId: string,
  after: number,
): Promise<void> {
  const closed = new AbortController();
  const onClose = () => closed.abort();
  res.once('close', onClose);
  // Gone already while its body was read: nothing to hold.
  if (!res.socket || res.socket.destroyed) closed.abort();
  try {
    const outcome = await waits.wait(unitId, after, closed.signal);
    if (res.destroyed || outcome === 'closed') return;
    if (outcome === 'revoked') return send(res, 401, BAD_SIGNATURE);
    if (outcome === 'busy')
      return send(
        res,
        503,
        { reason: 'BUSY', message: 'too many stations waiting; pull later' },
        { 'retry-after': '30' },
      );
    return send(res, 201, { ready: outcome === 'ready' });
  } finally {
    res.off('close', onClose);
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 && value.length < 300 ? value : null;
}
