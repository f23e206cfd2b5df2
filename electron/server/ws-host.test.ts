import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../contract';
import { createTestStation, type TestStation } from '../core/test-station';
import { Client } from '../transport/client';
import { startHost, type RunningHost } from './ws-host';

let station: TestStation;
let host: RunningHost;
const rendererDir = mkdtempSync(join(tmpdir(), 'lm-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lakon Mandira</title>');

async function start(pairingToken: string | null = null): Promise<void> {
  host = await startHost(station, {
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    pairingToken,
    tls: null,
  });
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
    expect(await client.send('session-get', {})).toMatchObject({
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

  it('in pairing mode refuses a missing or wrong token and accepts the right one', async () => {
    const token = 'a-very-long-pairing-token-123';
    await start(token);
    const origin = host.url.replace(/\/$/, '');
    const url = `${host.url.replace('http', 'ws')}ws`;
    await expect(connect(url, origin)).rejects.toThrow(/401/);
    await expect(connect(`${url}?token=wrong-token-of-same-size!!`, origin)).rejects.toThrow(/401/);
    const { client, socket } = await connect(`${url}?token=${token}`, origin);
    expect(await client.send('session-get', {})).toMatchObject({ ok: true });
    socket.close();
  });

  it('answers pending calls with DISCONNECTED when the server goes away', async () => {
    await start();
    const origin = host.url.replace(/\/$/, '');
    const { client } = await connect(`${host.url.replace('http', 'ws')}ws`, origin);
    const closed = host.close();
    const result = await client.send('session-get', {});
    await closed;
    expect(result).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });
});
