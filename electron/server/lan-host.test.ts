import { connect as tlsConnect } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LanStatus } from '../contract';
import { FAILURE_WINDOW_MS, PAIR_FAILURE_LIMIT, OFFER_TTL_MS } from '../core/lan/service';
import {
  advanceClock,
  codeOf,
  lanRequest,
  lanSocket,
  offerPairing,
  pairDevice,
  postPairCode,
  startLanTestHost,
  type LanTestHost,
} from '../testing/lan';
import { MAX_PAIR_BODY_BYTES } from './lan-access';

/**
 * The station server in LAN mode (issue 16 item 3; docs/lan.md), attacked from this machine's LAN
 * address (never loopback, which the station treats as its own screens): a browser without the
 * host token or a paired device's cookie gets nothing but /pair.
 *
 * One station serves every test (starting one takes seconds). Each test starts from a clean
 * slate: no device paired (those of earlier tests are removed), every failure window over, and
 * deviceRows() shows only the rows the test itself added.
 */

let lan: LanTestHost;
let earlierRows = new Set<string>();

beforeAll(async () => {
  lan = await startLanTestHost();
});
afterAll(async () => {
  await lan.close();
});
beforeEach(async () => {
  const rows = await allDeviceRows();
  for (const row of rows)
    if (row.removed_at === null) {
      const removed = await lan.supervisor.send('lan-device-remove', { deviceId: row.id });
      if (!removed.ok) throw new Error(JSON.stringify(removed.error));
    }
  advanceClock(lan.station, FAILURE_WINDOW_MS);
  earlierRows = new Set(rows.map((r) => r.id));
});

const allDeviceRows = async () =>
  lan.station.deps.db.selectFrom('lan_devices').selectAll().execute();
/** The lan_devices rows this test added. */
const deviceRows = async () => (await allDeviceRows()).filter((r) => !earlierRows.has(r.id));

describe('LAN gate', () => {
  it('an unpaired browser on the LAN gets 403 for every file and no socket; /pair is open', async () => {
    for (const path of ['/', '/index.html', '/app.js', '/?pair=wrong-token-of-any-length'])
      expect((await lanRequest(lan, path)).status, path).toBe(403);
    const refused = await lanRequest(lan, '/');
    expect(refused.body).toContain('belum dipasangkan');
    expect(refused.body).not.toContain('Lakon Mandira</title>');
    await expect(lanSocket(lan)).rejects.toThrow(/401/);
    await expect(lanSocket(lan, { token: 'x'.repeat(32) })).rejects.toThrow(/401/);
    await expect(lanSocket(lan, { cookie: `lm_device=${'A'.repeat(43)}` })).rejects.toThrow(/401/);
    // The pairing page answers, with a CSP that runs only its own script.
    const page = await lanRequest(lan, '/pair');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Pemasangan perangkat');
    expect(page.headers['content-security-policy']).toMatch(
      /default-src 'none'.*script-src 'sha256-/,
    );
    // The machine itself (loopback) is served as before, socket included.
    const local = { ...lan, address: '127.0.0.1' };
    expect((await lanRequest(local, '/')).status).toBe(200);
    const own = await lanSocket({
      origin: `https://127.0.0.1:${lan.port}`,
      certificate: lan.certificate,
    });
    expect(await own.client.send('station-session-get', {})).toMatchObject({ ok: true });
    own.socket.close();
  });

  it('the host token opens pages (then by its cookie) and the socket; the host screen is no device', async () => {
    const first = await lanRequest(lan, `/?pair=${lan.token}`);
    expect(first.status).toBe(200);
    const setCookie = [first.headers['set-cookie'] ?? []].flat()[0] ?? '';
    expect(setCookie).toBe(`lm_host=${lan.token}; Secure; HttpOnly; SameSite=Strict; Path=/`);
    const asset = await lanRequest(lan, '/app.js', { headers: { cookie: `lm_host=${lan.token}` } });
    expect(asset.status).toBe(200);
    expect((await lanRequest(lan, '/app.js', { headers: { cookie: 'lm_host=nope' } })).status).toBe(
      403,
    );
    const { client, socket } = await lanSocket(lan, { token: lan.token });
    const session = await client.send('station-session-get', {});
    expect(session).toMatchObject({ ok: true, value: { role: 'kiosk', device: null } });
    socket.close();
    const byCookie = await lanSocket(lan, { cookie: `lm_host=${lan.token}` });
    expect(await byCookie.client.send('station-session-get', {})).toMatchObject({ ok: true });
    byCookie.socket.close();
  });

  it('serves the certificate it was given, whose fingerprint the LAN status shows', async () => {
    const served = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = tlsConnect(
        { host: lan.address, port: lan.port, ca: lan.certificate.cert },
        () => {
          resolve(new X509Certificate(socket.getPeerCertificate(true).raw));
          socket.end();
        },
      );
      socket.once('error', reject);
    });
    const status = await lan.supervisor.send('lan-status', {});
    expect(status).toMatchObject({
      ok: true,
      value: {
        enabled: true,
        fingerprint: served.fingerprint256,
        certificateMadeAt: lan.certificate.madeAt,
      },
    });
    if (status.ok) expect(status.value.urls[0]).toBe(`${lan.origin}/`);
  });
});

describe('pairing by code', () => {
  it('pairs a desk: cookie set, token stored only as its hash, session shows the device', async () => {
    const offer = await offerPairing(lan, { kind: 'desk', desk: 'meja-2', label: 'Meja 2' });
    expect(offer.url).toMatch(new RegExp(`^${lan.origin}/pair#[A-Za-z0-9_-]{27}$`));
    const code = codeOf(offer.url);
    const offers = await lan.station.deps.db.selectFrom('lan_pairing_offers').selectAll().execute();
    expect(JSON.stringify(offers)).not.toContain(code);
    // Announced to the host's supervisor screens when the desk's socket connects.
    const connectedPush = new Promise<LanStatus>((resolve) =>
      lan.supervisor.listen('lan-changed', (status) => {
        if (status.devices[0]?.connected === 1) resolve(status);
      }),
    );

    const response = await postPairCode(lan, code);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      device: { kind: 'desk', desk: 'meja-2', label: 'Meja 2' },
    });
    const setCookie = [response.headers['set-cookie'] ?? []].flat()[0] ?? '';
    expect(setCookie).toMatch(
      /^lm_device=[A-Za-z0-9_-]{43}; Secure; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/,
    );
    const token = /^lm_device=([^;]+)/.exec(setCookie)![1]!;
    const rows = await deviceRows();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]).toMatchObject({ kind: 'desk', desk: 'meja-2', removed_at: null });

    const cookie = `lm_device=${token}`;
    expect((await lanRequest(lan, '/', { headers: { cookie } })).status).toBe(200);
    expect((await lanRequest(lan, '/app.js', { headers: { cookie } })).status).toBe(200);
    const { client, socket } = await lanSocket(lan, { cookie });
    expect(await client.send('station-session-get', {})).toMatchObject({
      ok: true,
      value: { role: 'kiosk', device: { kind: 'desk', desk: 'meja-2', label: 'Meja 2' } },
    });
    // A desk is like a local screen: its session can sign in (the training switch here).
    expect(await client.send('station-demo-switch', { mode: 'officer' })).toMatchObject({
      ok: true,
      value: { role: 'supervisor', device: { desk: 'meja-2' } },
    });
    // ...but the LAN itself is managed on the host screen only.
    for (const call of [
      client.send('lan-status', {}),
      client.send('lan-pair-offer', { kind: 'desk', desk: 'meja-3', label: 'Meja 3' }),
      client.send('lan-device-remove', { deviceId: rows[0]!.id }),
    ])
      expect(await call).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'LAN_HOST_ONLY' },
      });
    expect((await connectedPush).devices[0]).toMatchObject({ label: 'Meja 2', connected: 1 });
    const status = await lan.supervisor.send('lan-status', {});
    expect(status).toMatchObject({
      ok: true,
      value: { devices: [{ label: 'Meja 2', connected: 1 }] },
    });
    socket.close();
  });

  it('refuses a reused, an expired and a wrong code, and nothing is paired', async () => {
    const used = await offerPairing(lan, { kind: 'desk', desk: 'meja-2', label: 'Meja 2' });
    expect((await postPairCode(lan, codeOf(used.url))).status).toBe(200);
    const again = await postPairCode(lan, codeOf(used.url));
    expect(again.status).toBe(403);
    expect(JSON.parse(again.body)).toEqual({ ok: false, reason: 'PAIR_CODE_USED' });
    expect(again.headers['set-cookie']).toBeUndefined();

    const late = await offerPairing(lan, { kind: 'display', desk: null, label: 'Layar aula' });
    advanceClock(lan.station, OFFER_TTL_MS);
    const expired = await postPairCode(lan, codeOf(late.url));
    expect(expired.status).toBe(403);
    expect(JSON.parse(expired.body)).toEqual({ ok: false, reason: 'PAIR_CODE_EXPIRED' });

    const wrong = await postPairCode(lan, 'A'.repeat(27));
    expect(JSON.parse(wrong.body)).toEqual({ ok: false, reason: 'PAIR_CODE_UNKNOWN' });
    const malformed = await postPairCode(lan, '../../etc/passwd');
    expect(JSON.parse(malformed.body)).toEqual({ ok: false, reason: 'PAIR_CODE_UNKNOWN' });
    expect(await deviceRows()).toHaveLength(1);
  });

  it(`stops an address after ${PAIR_FAILURE_LIMIT} failed codes, even with a valid one, until the window ends`, async () => {
    for (let i = 0; i < PAIR_FAILURE_LIMIT; i++)
      expect((await postPairCode(lan, `${'B'.repeat(26)}${i % 10}`)).status).toBe(403);
    const offer = await offerPairing(lan, { kind: 'desk', desk: 'meja-2', label: 'Meja 2' });
    const limited = await postPairCode(lan, codeOf(offer.url));
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toEqual({ ok: false, reason: 'PAIR_TOO_MANY_FAILURES' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await deviceRows()).toHaveLength(0);
    // Another address (the machine's own loopback) is not held back by this one.
    expect((await lan.station.lan.pair('C'.repeat(27), '127.0.0.1')).ok).toBe(false);
    expect(
      (await lan.station.lan.pair('C'.repeat(27), '127.0.0.1')) as { error: { reason: string } },
    ).toMatchObject({ error: { reason: 'PAIR_CODE_UNKNOWN' } });
    // Once the window has passed the same address may pair with the (still valid) code.
    advanceClock(lan.station, 9 * 60_000);
    expect((await postPairCode(lan, codeOf(offer.url))).status).toBe(429);
    advanceClock(lan.station, 6 * 60_000);
    const fresh = await offerPairing(lan, { kind: 'desk', desk: 'meja-2', label: 'Meja 2' });
    expect((await postPairCode(lan, codeOf(fresh.url))).status).toBe(200);
  });

  it('refuses a cross-origin, origin-less, non-JSON or oversized POST /pair without using the code', async () => {
    const offer = await offerPairing(lan, { kind: 'desk', desk: 'meja-2', label: 'Meja 2' });
    const code = codeOf(offer.url);
    const evil = await postPairCode(lan, code, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toEqual({ ok: false, reason: 'CROSS_ORIGIN' });
    const otherPort = await postPairCode(lan, code, { origin: `https://${lan.address}:1` });
    expect(otherPort.status).toBe(403);
    const plain = await postPairCode(lan, code, { origin: lan.origin.replace('https', 'http') });
    expect(plain.status).toBe(403);
    const crossSite = await postPairCode(lan, code, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const noOrigin = await lanRequest(lan, '/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(noOrigin.status).toBe(403);
    // A form post (no preflight) is not JSON.
    const form = await postPairCode(lan, code, { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    const big = await lanRequest(lan, '/pair', {
      method: 'POST',
      headers: { origin: lan.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ code, pad: 'x'.repeat(MAX_PAIR_BODY_BYTES) }),
    });
    expect(big.status).toBe(413);
    const extra = await lanRequest(lan, '/pair', {
      method: 'POST',
      headers: { origin: lan.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ code, kind: 'desk' }),
    });
    expect(extra.status).toBe(400);
    expect(await deviceRows()).toHaveLength(0);
    // The code is still good from the right origin.
    expect((await postPairCode(lan, code)).status).toBe(200);
  });
});

describe('removal and displays', () => {
  it('a removed device loses its open socket at once, and its cookie opens nothing again', async () => {
    const desk = await pairDevice(lan, { kind: 'desk', desk: 'meja-2', label: 'Meja 2' });
    // Sockets of earlier tests may still be closing: only this device's two count.
    const earlierConnections = new Set(lan.station.dispatcher.connectionIds);
    const first = await lanSocket(lan, { cookie: desk.cookie });
    const second = await lanSocket(lan, { cookie: desk.cookie });
    expect(await first.client.send('station-session-get', {})).toMatchObject({ ok: true });
    expect(lan.station.lan.socketCount(desk.deviceId)).toBe(2);
    const removed = await lan.supervisor.send('lan-device-remove', { deviceId: desk.deviceId });
    expect(removed).toMatchObject({ ok: true, value: { devices: [] } });
    // Terminated by the station: the close events arrive without the client doing anything.
    expect(await first.closed).toBe(1006);
    expect(await second.closed).toBe(1006);
    expect(
      lan.station.dispatcher.connectionIds.filter(
        (id) => id.startsWith('ws:') && !earlierConnections.has(id),
      ),
    ).toEqual([]);
    await expect(lanSocket(lan, { cookie: desk.cookie })).rejects.toThrow(/401/);
    expect((await lanRequest(lan, '/', { headers: { cookie: desk.cookie } })).status).toBe(403);
    expect((await lanRequest(lan, '/app.js', { headers: { cookie: desk.cookie } })).status).toBe(
      403,
    );
    const row = (await deviceRows())[0]!;
    expect(row.removed_at).not.toBeNull();
    expect(row.removed_by).toBe('Rina Kartika');
    expect(
      await lan.supervisor.send('lan-device-remove', { deviceId: desk.deviceId }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a queue display may read the session and the display only, whatever its session', async () => {
    const display = await pairDevice(lan, { kind: 'display', desk: null, label: 'Layar aula' });
    const { client, socket } = await lanSocket(lan, { cookie: display.cookie });
    expect(await client.send('station-session-get', {})).toMatchObject({
      ok: true,
      value: { device: { kind: 'display', desk: null, label: 'Layar aula' } },
    });
    for (const [name, args] of [
      ['outreach-visit-list', { eventId: 'x' }],
      ['kiosk-ticket-take', { serviceCode: 'akta-lahir' }],
      ['station-demo-switch', { mode: 'officer' }],
      ['auth-login', { userName: 'admin', pin: '123456' }],
    ] as const)
      expect(await client.sendRaw({ name, args }), name).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'DISPLAY_ONLY' },
      });
    const display2 = await client.sendRaw({ name: 'outreach-display-get', args: {} });
    if (!display2.ok) expect(display2.error.reason).not.toBe('DISPLAY_ONLY');
    socket.close();
  });
});
