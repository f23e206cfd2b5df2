import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LanDeviceRef, LanService } from '../core/lan/service';
import { SECURITY_HEADERS } from './static-files';

/**
 * Who a request of the station server comes from in LAN mode (docs/lan.md), and the pairing
 * endpoint. A loopback client is the machine itself; any other needs the host pairing token
 * (`?pair=T` on a page, then the lm_host cookie; `?token=T` or the cookie on the socket) or the
 * lm_device cookie of a device that is paired and not removed. Everything else gets 403, but
 * /pair.
 */

export const DEVICE_COOKIE = 'lm_device';
export const HOST_COOKIE = 'lm_host';
/** A paired device keeps its cookie for 30 days (an event lasts a day or a week). */
const DEVICE_COOKIE_MAX_AGE = 30 * 86_400;
/** The JSON body of POST /pair: {"code": "..."} and nothing else. */
export const MAX_PAIR_BODY_BYTES = 1024;

export type Access =
  | { kind: 'local' }
  | { kind: 'host'; viaQuery: boolean }
  | { kind: 'device'; device: LanDeviceRef }
  | { kind: 'none' };

/** The cookies of a request; the first of a repeated name wins. */
export function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!out.has(name)) out.set(name, part.slice(at + 1).trim());
  }
  return out;
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The access of a request. `queryName` is where a host token may stand in the URL: 'pair' for
 * pages (the host URL), 'token' for the socket (renderer/src/lib/connection/transport.ts).
 */
export function accessOf(
  req: IncomingMessage,
  options: {
    lan: LanService;
    pairingToken: string | null;
    address: string;
    queryName: 'pair' | 'token';
  },
): Access {
  const jar = cookies(req);
  const deviceToken = jar.get(DEVICE_COOKIE);
  if (deviceToken) {
    const device = options.lan.deviceByToken(deviceToken);
    if (device) return { kind: 'device', device };
  }
  if (isLoopbackAddress(options.address)) return { kind: 'local' };
  const token = options.pairingToken;
  if (token === null) return { kind: 'none' };
  const query = new URL(req.url ?? '/', 'http://x').searchParams.get(options.queryName);
  if (query !== null && sameSecret(query, token)) return { kind: 'host', viaQuery: true };
  const cookie = jar.get(HOST_COOKIE);
  if (cookie !== undefined && sameSecret(cookie, token)) return { kind: 'host', viaQuery: false };
  return { kind: 'none' };
}

/** The cookie a host-token page sets, so its scripts and styles load too (session cookie). */
export function hostCookie(token: string): string {
  return `${HOST_COOKIE}=${token}; Secure; HttpOnly; SameSite=Strict; Path=/`;
}

export function deviceCookie(token: string): string {
  return `${DEVICE_COOKIE}=${token}; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE}`;
}

/**
 * POST /pair: the pairing page sends {"code": CODE}. Same origin only (Origin a known host of this
 * scheme; Sec-Fetch-Site, when sent, same-origin), JSON only, at most MAX_PAIR_BODY_BYTES. On
 * success the device cookie is set; refusals answer {ok: false, reason}.
 */
export function handlePair(
  req: IncomingMessage,
  res: ServerResponse,
  options: {
    lan: LanService;
    address: string;
    isSameOrigin(origin: string | undefined): boolean;
  },
): void {
  const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
    if (res.headersSent) return;
    res
      .writeHead(status, {
        ...SECURITY_HEADERS,
        'content-type': 'application/json; charset=utf-8',
        ...headers,
      })
      .end(JSON.stringify(body));
  };
  const site = req.headers['sec-fetch-site'];
  if (!options.isSameOrigin(req.headers.origin) || (site !== undefined && site !== 'same-origin')) {
    req.resume();
    answer(403, { ok: false, reason: 'CROSS_ORIGIN' });
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    answer(415, { ok: false, reason: 'NOT_JSON' });
    return;
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_PAIR_BODY_BYTES) {
    answer(413, { ok: false, reason: 'TOO_LARGE' }, { connection: 'close' });
    req.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_PAIR_BODY_BYTES) {
      refused = true;
      answer(413, { ok: false, reason: 'TOO_LARGE' }, { connection: 'close' });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    let code: unknown;
    try {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const keys = body && typeof body === 'object' ? Object.keys(body) : [];
      if (keys.length === 1 && keys[0] === 'code') code = (body as { code: unknown }).code;
    } catch {
      code = undefined;
    }
    if (typeof code !== 'string') {
      answer(400, { ok: false, reason: 'BAD_BODY' });
      return;
    }
    void options.lan.pair(code, options.address).then(
      (outcome) => {
        if (outcome.ok) {
          answer(
            200,
            {
              ok: true,
              device: {
                kind: outcome.device.kind,
                desk: outcome.device.desk,
                label: outcome.device.label,
              },
            },
            { 'set-cookie': deviceCookie(outcome.token) },
          );
          return;
        }
        const { error } = outcome;
        const limited = error.code === 'RATE_LIMITED';
        answer(
          limited ? 429 : error.code === 'CONFLICT' ? 409 : 403,
          { ok: false, reason: error.reason ?? error.code },
          limited ? { 'retry-after': String(Math.ceil((error.retryAfterMs ?? 1000) / 1000)) } : {},
        );
      },
      () => answer(500, { ok: false, reason: 'INTERNAL' }),
    );
  });
}

/** '::ffff:127.0.0.1' -> '127.0.0.1', so one client has one address whatever the socket family. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}
