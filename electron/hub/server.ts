import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { publicKeyFromRaw } from '../core/sync/packet/keys';
import { verifyRequest } from '../core/sync/request-signing';
import { updatesFor } from './decisions';
import { MAX_PIECE_BYTES, type Hub } from './hub';

/**
 * The hub's HTTP endpoints (docs/sync-protocol.md). Every request is signed by an enrolled
 * station; answers are JSON. Success is 201 (created, receipt) or 202 (accepted, keep going), so
 * a captive portal's 200 is never mistaken for the hub.
 */
export interface HubServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const PACKET_PATH = /^\/v1\/packets\/([0-9a-f-]{8,64})(\/commit)?$/;

export async function startHubServer(
  hub: Hub,
  options: {
    host?: string;
    port?: number;
    now?: () => Date;
    onError?: (error: unknown) => void;
  } = {},
): Promise<HubServer> {
  const now = options.now ?? (() => new Date());
  const server = createServer((req, res) => {
    handle(hub, req, res, now).catch((error: unknown) => {
      // A client that went away mid-request (a cut link) is normal: nothing was stored for it.
      if (req.destroyed || (error as { code?: string }).code === 'ECONNRESET') {
        res.destroy();
        return;
      }
      if (!res.headersSent) send(res, 500, { reason: 'INTERNAL', message: 'hub error' });
      else res.destroy();
      options.onError?.(error);
    });
  });
  // A slow link may take long per piece; a stuck socket is dropped after two minutes.
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port, address } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
  });
  res.end(bytes);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts, size);
}

async function handle(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  now: () => Date,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const method = req.method ?? 'GET';
  const body = await readBody(req, MAX_PIECE_BYTES + 1024);
  if (!body) return send(res, 413, { reason: 'TOO_LARGE', message: 'request body too large' });

  const unitId = header(req, 'x-lm-unit');
  const time = header(req, 'x-lm-time');
  const signature = header(req, 'x-lm-signature');
  if (!unitId || !time || !signature)
    return send(res, 401, {
      reason: 'NOT_SIGNED',
      message: 'x-lm-unit, x-lm-time, x-lm-signature',
    });
  const key = await hub.activeStationKey(unitId);
  if (!key) return send(res, 403, { reason: 'UNKNOWN_STATION', message: `unit ${unitId}` });
  const verdict = verifyRequest(
    publicKeyFromRaw('ed25519', key),
    { time, signature },
    method,
    url.pathname + url.search,
    body,
    now(),
  );
  if (verdict !== 'ok') return send(res, 401, { reason: verdict, message: 'request signature' });

  if (method === 'POST' && url.pathname === '/v1/packets') {
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
  if (method === 'POST' && url.pathname === '/v1/updates') {
    let pull: { after?: unknown };
    try {
      pull = JSON.parse(body.toString('utf8')) as typeof pull;
    } catch {
      return send(res, 400, { reason: 'NOT_JSON', message: 'updates body' });
    }
    const after = Number(pull.after);
    if (!Number.isSafeInteger(after) || after < 0)
      return send(res, 400, { reason: 'BAD_AFTER', message: 'after' });
    return send(res, 201, { bundle: await updatesFor(hub, unitId, after, hub.at()) });
  }
  const match = PACKET_PATH.exec(url.pathname);
  if (match?.[1] && !match[2] && method === 'PUT') {
    const offset = Number(url.searchParams.get('offset'));
    if (!Number.isSafeInteger(offset) || offset < 0)
      return send(res, 400, { reason: 'BAD_OFFSET', message: 'offset' });
    if (body.length > MAX_PIECE_BYTES)
      return send(res, 413, { reason: 'TOO_LARGE', message: `piece over ${MAX_PIECE_BYTES}` });
    const result = await hub.appendData(unitId, match[1], offset, body);
    if (!result.ok) return send(res, result.status, result);
    return send(res, 202, result);
  }
  if (match?.[1] && match[2] && method === 'POST') {
    const result = await hub.commit(unitId, match[1]);
    if (!result.ok) return send(res, result.status, result);
    return send(res, 201, { receipt: result.receipt, isDuplicate: result.isDuplicate });
  }
  return send(res, 404, { reason: 'NO_ROUTE', message: `${method} ${url.pathname}` });
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 && value.length < 300 ? value : null;
}
