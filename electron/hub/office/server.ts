import { timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { extname, join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { OfficeHandlerName } from '../../contract/office';
import type { Hub } from '../hub';
import { appendOfficeAudit } from './audit';
import {
  actorOf,
  checkSession,
  clearedSessionCookie,
  DEFAULT_AUTH_SETTINGS,
  LockedError,
  login,
  RateLimitedError,
  sessionCookie,
  sha256Hex,
  tokenFromCookie,
  type OfficeAuthSettings,
} from './auth';
import { OFFICE_MAX_BODY_BYTES, OfficeError, type OfficeCall } from './handler';
import { officeHandler } from './registry';

/**
 * The back-office over HTTP (issue 15; docs/decisions.md, "Back-office accounts"):
 * - `POST /office/api/<handler>`: JSON in, JSON out. Checks, in this order: the Host header (one
 *   of the hub's own names: DNS rebinding), a same-origin Origin header, the handler, the body's
 *   type and declared size, the session cookie (401), the x-lm-csrf header (403 CSRF; not for
 *   session-login and session-get), the role (403 ROLE), then the body and its schema (400).
 * - `GET /office/photo/<sha256>`: a received photo, for verifikator, penandatangan and admin.
 * - `GET /`, `/office`: the back-office page (dist/renderer/office.html) and the files under
 *   dist/renderer/assets, served only by the names found in that folder (a request path is never
 *   joined to a folder).
 * Every answer carries the security headers (CSP, nosniff, no referrer; HSTS over TLS).
 */
export interface OfficeServerOptions {
  /** The built renderer (dist/renderer); null or absent: the API only. */
  rendererDir?: string | null | undefined;
  /** The hub's public address (`serve --public-url`): its host is accepted besides the listen address. */
  publicUrl?: string | undefined;
  /** More Host header values to accept (host[:port], lower-case). */
  allowedHosts?: readonly string[] | undefined;
  /** Idle sign-out in minutes (default 15). */
  idleMinutes?: number | undefined;
  /** Overrides of the sign-in rules (tests: a cheap scrypt cost). */
  auth?: Partial<OfficeAuthSettings> | undefined;
  onError?: ((error: unknown) => void) | undefined;
}

/** Paths the back-office answers; everything else is the station API's. */
export function isOfficePath(pathname: string): boolean {
  return (
    pathname === '/' ||
    pathname === '/office' ||
    pathname.startsWith('/office/') ||
    pathname.startsWith('/assets/') ||
    pathname === '/favicon.ico'
  );
}

const CSP =
  "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; " +
  "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

function securityHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    ...(isTls(req) ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

const isTls = (req: IncomingMessage) => (req.socket as TLSSocket).encrypted === true;

function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string | string[]> = {},
): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...securityHeaders(req),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(bytes);
}

const problem = (reason: string, message: string) => ({ reason, message });

export async function handleOffice(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  options: OfficeServerOptions = {},
): Promise<void> {
  try {
    await route(hub, req, res, options);
  } catch (error) {
    // The request object is destroyed once its body was read; only a gone socket means the
    // client left (then nothing can be answered).
    if (req.socket.destroyed || (error as { code?: string }).code === 'ECONNRESET') throw error;
    options.onError?.(error);
    if (!res.headersSent) sendJson(req, res, 500, problem('INTERNAL', 'hub error'));
    else res.destroy();
  }
}

async function route(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  options: OfficeServerOptions,
): Promise<void> {
  const method = req.method ?? 'GET';
  const pathname = new URL(req.url ?? '/', 'http://hub').pathname;
  if (!isAllowedHost(req, options))
    return sendJson(req, res, 421, problem('BAD_HOST', 'this hub does not answer to that name'), {
      connection: 'close',
    });
  const settings: OfficeAuthSettings = {
    ...DEFAULT_AUTH_SETTINGS,
    ...(options.idleMinutes ? { idleSeconds: Math.round(options.idleMinutes * 60) } : {}),
    ...options.auth,
  };
  if (pathname.startsWith('/office/api/'))
    return api(hub, req, res, pathname.slice('/office/api/'.length), options, settings);
  const photo = /^\/office\/photo\/([^/]*)$/.exec(pathname);
  if (photo) return sendPhoto(hub, req, res, photo[1] ?? '', settings);
  if (method !== 'GET' && method !== 'HEAD')
    return sendJson(req, res, 405, problem('METHOD', `${method} ${pathname}`), { allow: 'GET' });
  return sendStatic(req, res, pathname, options.rendererDir ?? null);
}

// ---- Host and Origin --------------------------------------------------------------------------

const HOST_HEADER = /^[a-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9a-f:.]{2,45}\](:\d{1,5})?$/;

/** The loopback and IPv4-mapped forms Node reports, as the IP a Host header would name. */
function plainIp(address: string | undefined): string {
  const ip = (address ?? '').toLowerCase();
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.');

/**
 * DNS rebinding: a page of another site whose name was pointed at the hub's address still sends
 * its own name in Host. Only the hub's own names are answered: the address it was reached on (an
 * IP literal, or `localhost` on loopback) at the port it listens on, the --public-url host, and
 * any host named in `allowedHosts`.
 */
export function isAllowedHost(req: IncomingMessage, options: OfficeServerOptions): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!HOST_HEADER.test(host)) return false;
  if (options.allowedHosts?.includes(host)) return true;
  const tls = isTls(req);
  const { hostname, port } = new URL(`${tls ? 'https' : 'http'}://${host}`);
  const givenPort = port || (tls ? '443' : '80');
  if (options.publicUrl) {
    const pub = new URL(options.publicUrl);
    const pubPort = pub.port || (pub.protocol === 'https:' ? '443' : '80');
    // Behind a TLS proxy the Host may come without the public port.
    if (pub.hostname.toLowerCase() === hostname && (port === '' || port === pubPort)) return true;
  }
  if (givenPort !== String(req.socket.localPort)) return false;
  const local = plainIp(req.socket.localAddress);
  const name = hostname.replace(/^\[|\]$/g, '');
  return name === local || (name === 'localhost' && isLoopback(local));
}

/** The origins a same-origin request carries: the hub as reached, and its public URL. */
function isSameOrigin(req: IncomingMessage, options: OfficeServerOptions): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  let given: string;
  try {
    given = new URL(origin).origin;
  } catch {
    return false;
  }
  const own = new URL(`${isTls(req) ? 'https' : 'http'}://${req.headers.host ?? ''}`).origin;
  if (given === own) return true;
  return options.publicUrl !== undefined && given === new URL(options.publicUrl).origin;
}

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---- API --------------------------------------------------------------------------------------

const HANDLER_NAME = /^[a-z]+-[a-z0-9-]{1,60}$/;

async function api(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  options: OfficeServerOptions,
  settings: OfficeAuthSettings,
): Promise<void> {
  const refuse = (status: number, reason: string, message: string, extra = {}) =>
    sendJson(req, res, status, problem(reason, message), extra);
  if (req.method !== 'POST') return refuse(405, 'METHOD', 'POST only', { allow: 'POST' });
  // A cross-site page cannot send a same-origin Origin; a missing one is refused too.
  if (!isSameOrigin(req, options))
    return refuse(403, 'CROSS_SITE', 'the Origin header is not this hub', { connection: 'close' });
  const handler = HANDLER_NAME.test(name) ? officeHandler(name) : null;
  if (!handler) return refuse(404, 'NO_HANDLER', `no handler ${name.slice(0, 64)}`);
  const handlerName = name as OfficeHandlerName;
  // A form post cannot send application/json without a preflight (a second line of defence).
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!/^application\/json\s*(;|$)/.test(type))
    return refuse(415, 'NOT_JSON', 'content-type must be application/json', {
      connection: 'close',
    });
  const maxBody = handler.maxBodyBytes ?? OFFICE_MAX_BODY_BYTES;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBody)
    return refuse(413, 'TOO_LARGE', `body over ${maxBody} bytes`, { connection: 'close' });

  const address = plainIp(req.socket.remoteAddress) || 'unknown';
  if (handlerName === 'session-login') {
    const input = await readInput(req, maxBody, handler.input);
    if (!input.ok) return refuse(input.status, input.reason, input.message, input.extra);
    const previous = tokenFromCookie(req.headers.cookie);
    try {
      const { info, token } = await login(
        hub,
        input.value as { userName: string; password: string },
        {
          address,
          settings,
          previousTokenHash: previous ? sha256Hex(previous) : null,
        },
      );
      return sendJson(req, res, 200, info, { 'set-cookie': sessionCookie(token) });
    } catch (error) {
      if (error instanceof LockedError)
        return sendJson(req, res, 423, {
          ...problem(error.reason, error.message),
          lockedUntil: error.lockedUntil,
        });
      if (error instanceof RateLimitedError)
        return refuse(429, error.reason, error.message, {
          'retry-after': String(error.retryAfterSeconds),
        });
      if (error instanceof OfficeError) return refuse(error.status, error.reason, error.message);
      throw error;
    }
  }

  const session = await checkSession(hub, req.headers.cookie, settings);
  if (!session.ok)
    return refuse(401, session.reason, 'not signed in', {
      'set-cookie': clearedSessionCookie(),
      connection: 'close',
    });
  if (handlerName !== 'session-get') {
    const csrf = req.headers['x-lm-csrf'];
    if (typeof csrf !== 'string' || !equalText(csrf, session.csrfToken))
      return refuse(403, 'CSRF', 'x-lm-csrf does not match the session', { connection: 'close' });
  }
  if (!handler.roles.includes(session.user.role))
    return refuse(403, 'ROLE', `${handlerName} is not for ${session.user.role}`, {
      connection: 'close',
    });
  const input = await readInput(req, maxBody, handler.input);
  if (!input.ok) return refuse(input.status, input.reason, input.message, input.extra);

  const at = hub.at();
  const user = session.user;
  const call: OfficeCall = {
    hub,
    user,
    at,
    session: {
      tokenHash: session.tokenHash,
      csrfToken: session.csrfToken,
      idleSeconds: settings.idleSeconds,
    },
    passwordCost: settings.passwordCost,
    audit: async (action, detail, trx) => {
      await appendOfficeAudit(trx ?? hub.db, actorOf(user), action, detail, at);
    },
  };
  let result: unknown;
  try {
    result = await handler.run(call, input.value as never);
  } catch (error) {
    if (error instanceof OfficeError) return refuse(error.status, error.reason, error.message);
    throw error;
  }
  return sendJson(
    req,
    res,
    200,
    result ?? null,
    handlerName === 'session-logout' ? { 'set-cookie': clearedSessionCookie() } : {},
  );
}

type InputResult =
  | { ok: true; value: unknown }
  | { ok: false; status: number; reason: string; message: string; extra: Record<string, string> };

async function readInput(
  req: IncomingMessage,
  limit: number,
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: unknown } },
): Promise<InputResult> {
  const body = await readBody(req, limit);
  if (body === 'TOO_LARGE')
    return {
      ok: false,
      status: 413,
      reason: 'TOO_LARGE',
      message: `body over ${limit} bytes`,
      extra: { connection: 'close' },
    };
  let json: unknown;
  try {
    json = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return {
      ok: false,
      status: 400,
      reason: 'NOT_JSON',
      message: 'the body is not JSON',
      extra: {},
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      status: 400,
      reason: 'BAD_INPUT',
      message: describeIssues(parsed.error),
      extra: {},
    };
  return { ok: true, value: parsed.data };
}

function describeIssues(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 500);
}

/** At most `limit` bytes; stops reading as soon as it is over (the rest is never read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'TOO_LARGE'> {
  return new Promise((resolve, reject) => {
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
      parts.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(() => resolve(Buffer.concat(parts, size))));
    req.once('error', (error) => settle(() => reject(error)));
    req.once('close', () =>
      settle(() =>
        reject(Object.assign(new Error('request cut before its end'), { code: 'ECONNRESET' })),
      ),
    );
  });
}

// ---- photos -----------------------------------------------------------------------------------

const PHOTO_ROLES: readonly string[] = ['verifikator', 'penandatangan', 'admin'];

function imageType(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (
    data.subarray(0, 4).toString('latin1') === 'RIFF' &&
    data.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

async function sendPhoto(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  sha256: string,
  settings: OfficeAuthSettings,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(req, res, 405, problem('METHOD', 'GET only'), { allow: 'GET' });
  const session = await checkSession(hub, req.headers.cookie, settings);
  if (!session.ok) return sendJson(req, res, 401, problem(session.reason, 'not signed in'));
  if (!PHOTO_ROLES.includes(session.user.role))
    return sendJson(req, res, 403, problem('ROLE', `photos are not for ${session.user.role}`));
  if (!/^[0-9a-f]{64}$/.test(sha256))
    return sendJson(req, res, 400, problem('BAD_SHA256', 'a photo is named by 64 hex digits'));
  const found = await hub.attachment(sha256);
  if (!found) return sendJson(req, res, 404, problem('NO_PHOTO', 'no such photo'));
  const type = imageType(found.data);
  res.writeHead(200, {
    ...securityHeaders(req),
    'content-type': type ?? 'application/octet-stream',
    'content-length': String(found.data.length),
    'cache-control': 'private, no-store',
    ...(type ? {} : { 'content-disposition': 'attachment' }),
  });
  res.end(req.method === 'HEAD' ? undefined : found.data);
}

// ---- static files -----------------------------------------------------------------------------

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

/** The page of the back-office inside the built renderer. */
export const OFFICE_PAGE = 'office.html';

interface StaticFiles {
  scannedAt: number;
  /** URL path -> file. */
  files: Map<string, string>;
}

const scans = new Map<string, StaticFiles>();

/**
 * The files that may be served, by URL path: office.html at `/` and `/office`, and each file of
 * assets/ (and the top level, but no other page) at `/<name>` and `/office/<name>` (the page's
 * relative links resolve to either). Found by listing the folder, never by joining a request path.
 */
function scan(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const add = (relative: string, file: string) => {
    files.set(`/${relative}`, file);
    files.set(`/office/${relative}`, file);
  };
  let top;
  try {
    top = readdirSync(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of top) {
    if (entry.isFile() && entry.name === OFFICE_PAGE) {
      const page = join(dir, entry.name);
      for (const path of ['/', '/office', '/office/']) files.set(path, page);
    } else if (entry.isFile() && extname(entry.name) !== '.html' && TYPES[extname(entry.name)])
      add(entry.name, join(dir, entry.name));
  }
  const walk = (relative: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const inner = `${relative}/${entry.name}`;
      if (entry.isDirectory() && depth < 3) walk(inner, depth + 1);
      else if (entry.isFile() && TYPES[extname(entry.name)]) add(inner, join(dir, inner));
    }
  };
  walk('assets', 0);
  return files;
}

function staticFile(dir: string, pathname: string): string | null {
  let known = scans.get(dir);
  // Listed once; listed again on a miss at most every 2 s (a rebuild while serving).
  if (!known || (!known.files.has(pathname) && Date.now() - known.scannedAt > 2000)) {
    known = { scannedAt: Date.now(), files: scan(dir) };
    scans.set(dir, known);
  }
  return known.files.get(pathname) ?? null;
}

function sendStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  rendererDir: string | null,
): void {
  const file = rendererDir ? staticFile(rendererDir, pathname) : null;
  let body: Buffer | null = null;
  try {
    body = file ? readFileSync(file) : null;
  } catch {
    body = null;
  }
  if (!file || !body)
    return sendJson(
      req,
      res,
      404,
      problem(
        'NOT_FOUND',
        rendererDir && pathname === '/'
          ? `the back-office is not built (${OFFICE_PAGE}: npm run build)`
          : pathname.slice(0, 100),
      ),
    );
  const isPage = extname(file) === '.html';
  res.writeHead(200, {
    ...securityHeaders(req),
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(body.length),
    'cache-control': isPage ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
