import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LanStatus } from '../../contract';
import { tool } from '../../testing/pdf-tools';
import { createTestStation, type TestStation } from '../../testing/station';
import { DISPLAY_HANDLERS, MEMORY_SOURCE, type Session } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import { OFFER_TTL_MS } from './service';

/**
 * The QR SVG as a camera would see it: its viewBox and its path of unit squares
 * ("M{x} {y}h1v1h-1z", core/common/qr-svg.ts) drawn 8 pixels a module into a grey PNG.
 */
function rasterise(svg: string): Buffer {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const scale = 8;
  const side = size * scale;
  const dark = new Set<string>();
  for (const m of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark.add(`${m[1]},${m[2]}`);
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) {
    const row = Buffer.alloc(side + 1, 255);
    row[0] = 0;
    for (let x = 0; x < side; x++)
      if (dark.has(`${Math.floor(x / scale)},${Math.floor(y / scale)}`)) row[x + 1] = 0;
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** lan-* handlers and the display restriction, in memory (the socket side: server/lan-host.test.ts). */

const SUPERVISOR: Session = { role: 'supervisor', userName: 'Rina Kartika', mode: 'officer' };
const OPERATOR: Session = { role: 'operator', userName: 'Sri Wahyuni', mode: 'officer' };
const HOST = {
  urls: ['https://192.0.2.2:8787/', 'https://[fd00::2]:8787/'],
  fingerprint: 'AB:'.repeat(31) + 'AB',
  certificateMadeAt: '2026-11-29T02:00:00.000Z',
};

let station: TestStation;
let links = 0;
const as = (session: Session, source = MEMORY_SOURCE) =>
  memoryPair(station.dispatcher, `lan-app-${links++}`, session, source);

beforeEach(async () => {
  station = await createTestStation();
});
afterEach(async () => {
  await station.dispose();
});

describe('lan-* handlers', () => {
  it('without the station server in LAN mode: status says off and no offer is made', async () => {
    const rina = as(SUPERVISOR);
    expect(await rina.send('lan-status', {})).toEqual({
      ok: true,
      value: { enabled: false, urls: [], fingerprint: null, certificateMadeAt: null, devices: [] },
    });
    expect(
      await rina.send('lan-pair-offer', { kind: 'desk', desk: 'meja-2', label: 'Meja 2' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'LAN_OFF' } });
  });

  it('an offer: a 160-bit code in the fragment of the first LAN URL, a QR that scans to it, 10 minutes, audited', async () => {
    station.lan.attachHost(HOST);
    const rina = as(SUPERVISOR);
    const offer = await rina.send('lan-pair-offer', {
      kind: 'desk',
      desk: 'meja-2',
      label: 'Meja 2',
    });
    if (!offer.ok) throw new Error(JSON.stringify(offer.error));
    expect(offer.value.url).toMatch(/^https:\/\/192\.0\.2\.2:8787\/pair#[A-Za-z0-9_-]{27}$/);
    expect(offer.value.expiresAt).toBe(
      new Date(station.ports.clock.now().getTime() + OFFER_TTL_MS).toISOString(),
    );
    const png = join(mkdtempSync(join(tmpdir(), 'lm-lan-qr-')), 'qr.png');
    writeFileSync(png, rasterise(offer.value.qrSvg));
    const scanned = tool('zbarimg', ['--raw', '-q', png], 'zbar-tools');
    expect(scanned.toString('utf8').trim()).toBe(offer.value.url);
    const audit = await station.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'like', 'lan.%')
      .execute();
    expect(audit).toEqual([{ action: 'lan.pair-offer', actor: 'Rina Kartika' }]);
  });

  it('refuses bad offers: no desk, the host desk, a display with a desk, a taken desk, bad labels', async () => {
    station.lan.attachHost(HOST);
    const rina = as(SUPERVISOR);
    for (const args of [
      { kind: 'desk', desk: null, label: 'Meja' },
      { kind: 'desk', desk: 'meja-1', label: 'Meja 1' },
      { kind: 'desk', desk: 'Meja 2', label: 'Meja 2' },
      { kind: 'display', desk: 'meja-2', label: 'Layar' },
      { kind: 'desk', desk: 'meja-2', label: '' },
      { kind: 'desk', desk: 'meja-2', label: 'x'.repeat(61) },
      { kind: 'desk', desk: 'meja-2', label: 'Meja\u202e2' },
      { kind: 'printer', desk: null, label: 'Printer' },
    ])
      expect(
        await rina.sendRaw({ name: 'lan-pair-offer', args }),
        JSON.stringify(args),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    const offer = await rina.send('lan-pair-offer', { kind: 'desk', desk: 'meja-2', label: 'A' });
    if (!offer.ok) throw new Error('offer refused');
    expect((await station.lan.pair(new URL(offer.value.url).hash.slice(1), '192.0.2.9')).ok).toBe(
      true,
    );
    expect(
      await rina.send('lan-pair-offer', { kind: 'desk', desk: 'meja-2', label: 'B' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'DESK_TAKEN' } });
    expect(await as(OPERATOR).send('lan-status', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it("pushes 'lan-changed' to the host's supervisor screens on pair and removal, not to others", async () => {
    station.lan.attachHost(HOST);
    const rina = as(SUPERVISOR);
    const sri = as(OPERATOR);
    const paired = as(SUPERVISOR, {
      ...MEMORY_SOURCE,
      lan: { deviceId: 'x', kind: 'desk', desk: 'meja-9', label: 'Meja 9' },
    });
    const seen: { who: string; status: LanStatus }[] = [];
    rina.listen('lan-changed', (status) => seen.push({ who: 'rina', status }));
    sri.listen('lan-changed', (status) => seen.push({ who: 'sri', status }));
    paired.listen('lan-changed', (status) => seen.push({ who: 'paired', status }));
    const pairedPush = new Promise<LanStatus>((resolve) =>
      rina.listen('lan-changed', (status) => resolve(status)),
    );
    const offer = await rina.send('lan-pair-offer', { kind: 'display', desk: null, label: 'TV' });
    if (!offer.ok) throw new Error('offer refused');
    const outcome = await station.lan.pair(new URL(offer.value.url).hash.slice(1), '192.0.2.9');
    if (!outcome.ok) throw new Error('pair refused');
    expect((await pairedPush).devices).toMatchObject([{ kind: 'display', label: 'TV' }]);
    const removed = await rina.send('lan-device-remove', { deviceId: outcome.device.deviceId });
    expect(removed).toMatchObject({ ok: true, value: { devices: [] } });
    expect(seen.every((entry) => entry.who === 'rina')).toBe(true);
    expect(seen.at(-1)?.status.devices).toEqual([]);
    expect(station.lan.deviceByToken(outcome.token)).toBeNull();
    const actions = await station.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'lan.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'lan.pair-offer',
      'lan.paired',
      'lan.device-removed',
    ]);
  });
});

describe('a paired queue display', () => {
  it('may call only the session and the display, centrally in the dispatcher, whatever its role', async () => {
    expect([...DISPLAY_HANDLERS].sort()).toEqual(['outreach-display-get', 'station-session-get']);
    const display = as(SUPERVISOR, {
      transport: 'ws',
      address: '192.0.2.9',
      local: false,
      lan: { deviceId: 'd1', kind: 'display', desk: null, label: 'Layar aula' },
    });
    expect(await display.send('station-session-get', {})).toMatchObject({
      ok: true,
      value: { device: { kind: 'display', desk: null, label: 'Layar aula' } },
    });
    // Every other registered handler is refused before its role or arguments are looked at.
    for (const name of station.dispatcher.handlerNames.filter((n) => !DISPLAY_HANDLERS.has(n)))
      expect(await display.sendRaw({ name, args: {} }), name).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'DISPLAY_ONLY' },
      });
    // A desk of the same role is not restricted.
    const desk = as(SUPERVISOR, {
      transport: 'ws',
      address: '192.0.2.9',
      local: false,
      lan: { deviceId: 'd2', kind: 'desk', desk: 'meja-2', label: 'Meja 2' },
    });
    expect(await desk.send('audit-verify', {})).toMatchObject({ ok: true });
  });
});
