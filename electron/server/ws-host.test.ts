import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../contract';
import { createTestStation, type TestStation } from '../testing/station';
import { Client } from '../transport/client';
import { MAX_MESSAGE_BYTES } from '../transport/limits';
import { knownHost, startHost, type RunningHost } from './ws-host';

let station: TestStation;
let host: RunningHost;
const rendererDir = mkdtempSync(join(tmpdir(), 'lm-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lakon Mandira</title>');

async function start(pairingToken: string | null = null, lanNames: string[] = []): Promise<void> {
  host = await startHost(station, {
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    pairingToken,
    tls: null,
    lanNames,
  });
}

/**
 * Sends a request with exactly these Host and Origin headers (what a DNS-rebinding page's
 * browser sends) and answers the status: 101 for an accepted upgrade.
 */
function rawRequest(
  headers: { host: string; origin?: string },
  kind: 'upgrade' | 'page',
): Promise<{ status: number; body: string }> {
  const port = Number(new URL(host.url).port);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: kind === 'upgrade' ? '/ws' : '/',
      headers: {
        ...headers,
        ...(kind === 'upgrade'
          ? {
              connection: 'Upgrade',
              upgrade: 'websocket',
              'sec-websocket-key': randomBytes(16).toString('base64'),
              'sec-websocket-version': '13',
            }
          : {}),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function ticketCount(): Promise<number> {
  return (await station.deps.db.selectFrom('queue_tickets').select('id').execute()).length;
}

function connect(
  url: string,
  origin: string | undefined,
): Promise<{ client: Client; socket: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    const client = new Client((message) => socket.send(JSON.stringify(message)));
    socket.on('message', (data) => client.deliver(JSON.parse(data.toString()) as ServerMessage));
    socket.on('open', () => resolve({ client, socket }));
    socket.on('error', reject);
    socket.on('close', () => client.close());
  });
}

beforeEach(async () => {
  station = await createTestStation();
});
afterEach(async () => {
  await host?.close();
  await station.dispose();
});

describe('station server WebSocket host', () => {
  it('serves the renderer with security headers and refuses path traversal', async () => {
    await start();
    const index = await fetch(host.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(await index.text()).toContain('Lakon Mandira');
    const escape = await fetch(`${host.url}..%2f..%2fetc%2fpasswd`);
    expect(escape.status).toBe(404);
    expect((await fetch(host.url, { method: 'POST' })).status).toBe(405);
  });

  it('dispatches over a real socket with the same codes as in memory', async () => {
    await start();
    const origin = host.url.replace(/\/$/, '');
    const { client, socket } = await connect(`${host.url.replace('http', 'ws')}ws`, origin);
    expect(await client.send('kiosk-ticket-take', { serviceCode: 'akta-lahir' })).toMatchObject({
      ok: true,
      value: { number: 'D-001' },
    });
    expect(await client.sendRaw({ name: 'no-such-thing', args: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_HANDLER' },
    });
    expect(
      await client.sendRaw({ name: 'kiosk-ticket-take', args: { serviceCode: 1 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS' },
    });
    expect(await client.send('audit-verify', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    socket.send('this is not json');
    expect(await client.send('station-session-get', {})).toMatchObject({
      ok: true,
      value: { role: 'kiosk' },
    });
    socket.close();
  });

  it('refuses a socket opened from another origin or with no origin', async () => {
    await start();
    const url = `${host.url.replace('http', 'ws')}ws`;
    await expect(connect(url, 'http://evil.example')).rejects.toThrow(/401/);
    await expect(connect(url, undefined)).rejects.toThrow(/401/);
  });

  it('LAN mode (beyond loopback) needs TLS; its gate is tested in lan-host.test.ts', async () => {
    await expect(
      startHost(station, {
        host: '0.0.0.0',
        port: 0,
        rendererDir,
        pairingToken: 'a-very-long-pairing-token-123',
        tls: null,
      }),
    ).rejects.toThrow(/needs TLS/);
  });

  it('answers pending calls with DISCONNECTED when the server goes away', async () => {
    await start();
    const origin = host.url.replace(/\/$/, '');
    const { client } = await connect(`${host.url.replace('http', 'ws')}ws`, origin);
    const closed = host.close();
    const result = await client.send('station-session-get', {});
    await closed;
    expect(result).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });

  it('finding 1.2: a DNS-rebinding request (Host and Origin both evil.example) gets neither a socket nor the page', async () => {
    await start();
    const port = new URL(host.url).port;
    const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    expect((await rawRequest(evil, 'upgrade')).status).toBe(401);
    const page = await rawRequest({ host: evil.host }, 'page');
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('Lakon Mandira');
    expect(page.body).toContain('bukan alamat stasiun');
    // A known Host with a foreign Origin, and the other way round, are refused too.
    const here = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
    expect((await rawRequest({ ...here, origin: evil.origin }, 'upgrade')).status).toBe(401);
    expect((await rawRequest({ ...evil, origin: here.origin }, 'upgrade')).status).toBe(401);
    // The right names with the wrong port or scheme are someone else's origin.
    expect((await rawRequest({ ...here, origin: 'http://127.0.0.1:1' }, 'upgrade')).status).toBe(
      401,
    );
    expect(
      (await rawRequest({ ...here, origin: `https://127.0.0.1:${port}` }, 'upgrade')).status,
    ).toBe(401);
    expect((await rawRequest({ host: '127.0.0.1:1' }, 'page')).status).toBe(421);
    // The station's own names are served.
    expect((await rawRequest(here, 'upgrade')).status).toBe(101);
    const local = { host: `localhost:${port}`, origin: `http://localhost:${port}` };
    expect((await rawRequest(local, 'upgrade')).status).toBe(101);
    expect((await rawRequest({ host: `[::1]:${port}` }, 'page')).status).toBe(200);
  });

  it('finding 1.2: a --lan-name is known with the port; smuggled or portless hosts are not', async () => {
    await start(null, ['stasiun.desa.lan']);
    const port = Number(new URL(host.url).port);
    const lan = { host: `stasiun.desa.lan:${port}`, origin: `http://stasiun.desa.lan:${port}` };
    expect((await rawRequest(lan, 'upgrade')).status).toBe(101);
    expect((await rawRequest({ host: lan.host }, 'page')).status).toBe(200);
    const options = { host: '0.0.0.0', lanNames: ['stasiun.desa.lan'] };
    expect(knownHost(`STASIUN.desa.lan:${port}`, port, 'http', options)).toBe(true);
    for (const smuggled of [
      `evil.example@127.0.0.1:${port}`,
      `127.0.0.1:${port}/x`,
      `127.0.0.1:${port} evil.example`,
      `evil.example:${port}`,
      'stasiun.desa.lan',
      '',
    ])
      expect(knownHost(smuggled, port, 'http', options), smuggled).toBe(false);
    // Without a port only on the scheme's default one.
    expect(knownHost('stasiun.desa.lan', 443, 'https', options)).toBe(true);
    expect(knownHost('stasiun.desa.lan', 443, 'http', options)).toBe(false);
  });

  it('finding 1.12: nesting, key counts, prototype keys and sizes are refused over a real socket, and nothing changes', async () => {
    await start();
    const origin = host.url.replace(/\/$/, '');
    const url = `${host.url.replace('http', 'ws')}ws`;
    const { client, socket } = await connect(url, origin);
    const replies: ServerMessage[] = [];
    socket.on('message', (data) => replies.push(JSON.parse(data.toString()) as ServerMessage));
    const nextReply = () =>
      new Promise<ServerMessage>((resolve) =>
        socket.once('message', (data) => resolve(JSON.parse(data.toString()) as ServerMessage)),
      );
    const before = await ticketCount();

    // 10,000 levels of nesting: refused before JSON.parse, answered under the call's id.
    const deep = `{"kind":"call","id":41,"name":"kiosk-ticket-take","args":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    let reply = nextReply();
    socket.send(deep);
    expect(await reply).toMatchObject({
      kind: 'reply',
      id: 41,
      result: { ok: false, error: { code: 'BAD_ENVELOPE', reason: 'TOO_DEEP' } },
    });

    // 150,000 keys in one object.
    const keys = Array.from({ length: 150_000 }, (_, i) => `"k${i}":0`).join(',');
    reply = nextReply();
    socket.send(`{"kind":"call","id":42,"name":"kiosk-ticket-take","args":{${keys}}}`);
    expect(await reply).toMatchObject({
      id: 42,
      result: { ok: false, error: { code: 'BAD_ENVELOPE', reason: 'TOO_MANY_ITEMS' } },
    });

    // __proto__, constructor and prototype as field names: refused, not silently dropped by zod.
    for (const [id, text] of [
      [43, '{"serviceCode":"kk","__proto__":{"isAdmin":true}}'],
      [44, '{"serviceCode":"kk","constructor":{"prototype":{"x":1}}}'],
      [45, '{"serviceCode":"kk","nested":[{"prototype":1}]}'],
    ] as const) {
      reply = nextReply();
      socket.send(`{"kind":"call","id":${id},"name":"kiosk-ticket-take","args":${text}}`);
      expect(await reply).toMatchObject({
        id,
        result: { ok: false, error: { code: 'BAD_ENVELOPE', reason: 'FORBIDDEN_KEY' } },
      });
    }
    // The same key at the envelope's top level.
    reply = nextReply();
    socket.send('{"kind":"call","id":46,"name":"station-session-get","args":{},"__proto__":{}}');
    expect(await reply).toMatchObject({ id: 46, result: { error: { reason: 'FORBIDDEN_KEY' } } });

    // 70 KB for a handler that takes the default 64 KiB.
    const large = await client.sendRaw({
      name: 'kiosk-ticket-take',
      args: { serviceCode: 'x'.repeat(70_000) },
    });
    expect(large).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'ARGS_TOO_LARGE' },
    });
    // A photo-carrying handler accepts that size (and refuses the content on its own terms).
    const photo = await client.sendRaw({
      name: 'applications-submit',
      args: {
        serviceCode: 'kk',
        fields: {},
        photos: [{ requirementCode: 'x', dataBase64: 'A'.repeat(300_000) }],
      },
    });
    expect(photo).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    if (!photo.ok) expect(photo.error.reason).not.toBe('ARGS_TOO_LARGE');
    expect(await ticketCount()).toBe(before);
    expect(replies.every((m) => m.kind !== 'reply' || !m.result.ok)).toBe(true);

    // Above the socket limit (the old 6 MB nested message): ws closes the socket with 1009.
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(`[${'0,'.repeat(MAX_MESSAGE_BYTES / 2)}0]`);
    expect(await closed).toBe(1009);
    const again = await connect(url, origin);
    expect(await again.client.send('station-session-get', {})).toMatchObject({ ok: true });
    again.socket.close();
  });
});
