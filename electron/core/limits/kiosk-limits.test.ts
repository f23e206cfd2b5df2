import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../contract';
import { verifyAuditChain } from '../../../db/queries/audit';
import { Client } from '../../transport/client';
import type { ConnectionSource } from '../../transport/dispatcher';
import { flushAuditRepeats } from '../audit/record';
import { photo, submission, value } from '../../testing/desk';
import { startHost } from '../../server/ws-host';
import { createTestStation, type TestStation } from '../../testing/station';
import { DEFAULT_LIMITS, type LimitSettings } from './settings';

/**
 * Issue 13 finding 1.9, performed: bursts from one socket and from one address, probing with
 * pairs that match nobody, a flood of submissions and a full disk. The station's clock is a fake
 * that moves only when a test advances it; nothing here waits for real time.
 */

const KIOSK = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
const GB = 1024 ** 3;

let station: TestStation;
let free: number;
let sockets = 0;

async function open(limits: LimitSettings = DEFAULT_LIMITS): Promise<void> {
  free = 50 * GB;
  station = await createTestStation({ limits, freeBytes: () => Promise.resolve(free) });
}
afterEach(() => station.dispose());

/** An anonymous kiosk socket from `address`, as the station server connects one. */
function socket(address = '192.168.10.21'): Client {
  const id = `ws:test-${sockets++}`;
  const client = new Client((message) => {
    void station.dispatcher.receive(id, structuredClone(message));
  });
  const source: ConnectionSource = { transport: 'ws', address, local: false };
  station.dispatcher.connect(
    id,
    KIOSK,
    (message) => queueMicrotask(() => client.deliver(structuredClone(message))),
    source,
  );
  return client;
}

const advance = (ms: number) =>
  (station.ports.clock as unknown as { advance(ms: number): void }).advance(ms);

interface Pair {
  nik: string;
  kk: string;
}

/** Living residents with their own No. KK: `known` pairs match, `unknown` ones match nobody. */
function pairs(n: number): { known: Pair[]; unknown: Pair[] } {
  const rows = station.deps.sqlite
    .prepare('SELECT nik, kk_number AS kk FROM residents WHERE is_alive = 1 ORDER BY id LIMIT ?')
    .all(n) as Pair[];
  expect(rows).toHaveLength(n);
  // Each NIK with another family's No. KK: valid numbers, but no such pair.
  const otherKk = station.deps.sqlite.prepare(
    'SELECT kk_number FROM families WHERE kk_number != ? ORDER BY kk_number LIMIT 1',
  );
  const unknown = rows.map((row) => ({ nik: row.nik, kk: otherKk.pluck().get(row.kk) as string }));
  return { known: rows, unknown };
}

/** Everything a refused call must leave alone: row counts, audit head and the files' sizes. */
function footprint(): Record<string, number> {
  const count = (table: string) =>
    station.deps.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const size = (suffix: string) => {
    try {
      return statSync(`${station.deps.database.file}${suffix}`).size;
    } catch {
      return 0;
    }
  };
  return {
    audit: count('audit_log'),
    applications: count('applications'),
    photos: count('application_photos'),
    outbox: count('outbox'),
    tickets: count('queue_tickets'),
    settings: count('settings'),
    db: size(''),
    wal: size('-wal'),
  };
}

function retryAfter(result: Result<unknown>, reason: string): number {
  expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', reason } });
  const wait = result.ok ? 0 : (result.error.retryAfterMs ?? 0);
  expect(wait).toBeGreaterThan(0);
  return wait;
}

describe('finding 1.9: anonymous kiosk calls are rate limited', () => {
  it('finding 1.9: a burst of kiosk-identify from one socket is refused after its bucket, writing nothing', async () => {
    await open();
    const { known } = pairs(12);
    const kiosk = socket();
    const burst = DEFAULT_LIMITS.connection.lookup.capacity;
    for (const pair of known.slice(0, burst)) {
      const answer = await kiosk.send('kiosk-identify', { nik: pair.nik, kkNumber: pair.kk });
      expect(answer).toMatchObject({ ok: true, value: { isKnown: true } });
    }
    const before = footprint();
    const refused = await kiosk.send('kiosk-identify', {
      nik: known[burst]!.nik,
      kkNumber: known[burst]!.kk,
    });
    const wait = retryAfter(refused, 'TOO_MANY_CALLS');
    // One token per 60 / perMinute seconds.
    expect(wait).toBe(60_000 / DEFAULT_LIMITS.connection.lookup.perMinute);
    expect(footprint()).toEqual(before);
    // Not a moment early: the wait it named is the wait it keeps.
    advance(wait - 1);
    retryAfter(
      await kiosk.send('kiosk-identify', { nik: known[burst]!.nik, kkNumber: known[burst]!.kk }),
      'TOO_MANY_CALLS',
    );
    advance(1);
    expect(
      await kiosk.send('kiosk-identify', { nik: known[burst]!.nik, kkNumber: known[burst]!.kk }),
    ).toMatchObject({ ok: true, value: { isKnown: true } });
  });

  it('finding 1.9: over real WebSockets, one socket is cut off after its burst and a second from 127.0.0.1 shares the address bucket', async () => {
    await open();
    const { known } = pairs(21);
    const rendererDir = mkdtempSync(join(tmpdir(), 'lm-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lakon Mandira</title>');
    const host = await startHost(station, {
      host: '127.0.0.1',
      port: 0,
      rendererDir,
      pairingToken: null,
      tls: null,
    });
    const sockets: WebSocket[] = [];
    try {
      const origin = new URL(host.url).origin;
      const connect = async () => {
        const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { origin });
        sockets.push(ws);
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        let id = 0;
        return (pair: Pair) =>
          new Promise<Result<unknown>>((resolve) => {
            const callId = ++id;
            const onMessage = (data: WebSocket.RawData) => {
              const message = JSON.parse(String(data)) as {
                kind: string;
                id: number;
                result: Result<unknown>;
              };
              if (message.kind !== 'reply' || message.id !== callId) return;
              ws.off('message', onMessage);
              resolve(message.result);
            };
            ws.on('message', onMessage);
            ws.send(
              JSON.stringify({
                kind: 'call',
                id: callId,
                name: 'kiosk-identify',
                args: { nik: pair.nik, kkNumber: pair.kk },
              }),
            );
          });
      };
      const first = await connect();
      // Sent all at once, as the attack did: the burst is answered, the rest refused.
      const burst = await Promise.all(known.slice(0, 15).map((pair) => first(pair)));
      expect(burst.filter((r) => r.ok)).toHaveLength(DEFAULT_LIMITS.connection.lookup.capacity);
      for (const refused of burst.filter((r) => !r.ok)) retryAfter(refused, 'TOO_MANY_CALLS');
      const second = await connect();
      const more = [];
      for (const pair of known.slice(10, 21)) more.push(await second(pair));
      expect(more.filter((r) => r.ok)).toHaveLength(
        DEFAULT_LIMITS.address.lookup.capacity - DEFAULT_LIMITS.connection.lookup.capacity,
      );
      retryAfter(more.at(-1)!, 'TOO_MANY_CALLS');
    } finally {
      for (const ws of sockets) ws.close();
      await host.close();
      rmSync(rendererDir, { recursive: true, force: true });
    }
  });

  it('finding 1.9: a second socket from the same address shares the address bucket; another address does not', async () => {
    await open();
    const { known } = pairs(22);
    const perSocket = DEFAULT_LIMITS.connection.lookup.capacity;
    const perAddress = DEFAULT_LIMITS.address.lookup.capacity;
    expect(perAddress).toBe(2 * perSocket);
    let next = 0;
    const identify = (client: Client) => {
      const pair = known[next++ % known.length]!;
      return client.send('kiosk-identify', { nik: pair.nik, kkNumber: pair.kk });
    };
    for (const client of [socket(), socket()]) {
      for (let i = 0; i < perSocket; i += 1) expect((await identify(client)).ok).toBe(true);
    }
    // A third, fresh socket from the same machine finds the address bucket empty.
    const before = footprint();
    retryAfter(await identify(socket()), 'TOO_MANY_CALLS');
    retryAfter(await socket().send('kiosk-identify-card', { uid: '04A1B2C3' }), 'TOO_MANY_CALLS');
    expect(footprint()).toEqual(before);
    // Other kinds of call have buckets of their own, and other machines are not affected.
    expect((await socket().send('kiosk-catalogue', {})).ok).toBe(true);
    expect((await identify(socket('192.168.10.22'))).ok).toBe(true);
  });

  it('finding 1.9: unknown answers make the next look-ups from that address wait longer and longer', async () => {
    await open();
    const { known, unknown } = pairs(12);
    const kiosk = socket();
    const probe = (i: number, client = kiosk) =>
      client.send('kiosk-identify', { nik: unknown[i]!.nik, kkNumber: unknown[i]!.kk });
    const { free: freeTries, baseMs } = DEFAULT_LIMITS.unknown;
    for (let i = 0; i <= freeTries; i += 1) {
      expect(await probe(i)).toMatchObject({ ok: true, value: { isKnown: false } });
    }
    const waits: number[] = [];
    for (let i = freeTries + 1; i < freeTries + 4; i += 1) {
      const before = footprint();
      const wait = retryAfter(await probe(i), 'TOO_MANY_UNKNOWN');
      // A new socket, a card tap or a known pair from the same address waits just the same.
      retryAfter(await probe(i, socket()), 'TOO_MANY_UNKNOWN');
      retryAfter(
        await socket().send('kiosk-identify', { nik: known[0]!.nik, kkNumber: known[0]!.kk }),
        'TOO_MANY_UNKNOWN',
      );
      retryAfter(
        await kiosk.send('applications-status-check', { number: 'X', check: 'Y' }),
        'TOO_MANY_UNKNOWN',
      );
      expect(footprint()).toEqual(before);
      waits.push(wait);
      advance(wait);
      expect(await probe(i)).toMatchObject({ ok: true, value: { isKnown: false } });
    }
    expect(waits[0]).toBe(baseMs);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(waits[2]).toBeGreaterThan(waits[1]!);
    // Another machine is not slowed down.
    expect(await probe(0, socket('192.168.10.22'))).toMatchObject({ ok: true });
    // Wrong check codes count as unknown answers too: status checks slow down the same way.
    const other = socket('192.168.10.23');
    for (let i = 0; i <= freeTries; i += 1) {
      expect(
        await other.send('applications-status-check', { number: 'X', check: 'Y' }),
      ).toMatchObject({
        ok: false,
        error: { reason: 'BAD_CHECK' },
      });
    }
    retryAfter(
      await other.send('applications-status-check', { number: 'X', check: 'Y' }),
      'TOO_MANY_UNKNOWN',
    );
  });

  it('finding 1.9: submissions over the per-source and per-station caps are refused and the database does not grow', async () => {
    // The station cap made small so that two sources reach it.
    await open({ ...DEFAULT_LIMITS, stationSubmissions: { capacity: 5, perMinute: 5 } });
    let fill = 1;
    const submit = (client: Client) =>
      client.send('applications-submit', submission(station, { photos: [photo('kk', fill++)] }));
    const first = socket('192.168.10.21');
    for (let i = 0; i < DEFAULT_LIMITS.connection.submit.capacity; i += 1) {
      value(await submit(first));
    }
    let before = footprint();
    retryAfter(await submit(first), 'TOO_MANY_SUBMISSIONS');
    expect(footprint()).toEqual(before);
    // The same machine on a new socket: one more, then its address is at its cap (4).
    const second = socket('192.168.10.21');
    value(await submit(second));
    before = footprint();
    retryAfter(await submit(second), 'TOO_MANY_SUBMISSIONS');
    expect(footprint()).toEqual(before);
    // Another machine: one more reaches the station's cap of 5, then every source is refused.
    const third = socket('192.168.10.22');
    value(await submit(third));
    before = footprint();
    for (const client of [third, socket('192.168.10.23'), socket('192.168.10.24')]) {
      retryAfter(await submit(client), 'TOO_MANY_SUBMISSIONS');
    }
    expect(footprint()).toEqual(before);
    expect(before.applications).toBe(5);
    // A minute later the station has room again (its bucket refills 5 per minute).
    advance(60_000);
    value(await submit(socket('192.168.10.25')));
  });

  it('finding 1.9: a kiosk submission is refused with KIOSK_DISK_LOW while free disk is under minFreeMb', async () => {
    await open();
    const kiosk = socket();
    free = 2047 * 1024 * 1024; // the default minFreeMb is 2048
    const before = footprint();
    const refused = await kiosk.send('applications-submit', submission(station));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'KIOSK_DISK_LOW' },
    });
    expect(refused.ok || refused.error.message).toMatch(/Penyimpanan hampir penuh/);
    expect(footprint()).toEqual(before);
    free = 2048 * 1024 * 1024;
    expect((await kiosk.send('applications-submit', submission(station))).ok).toBe(true);
  });
});

describe('finding 1.9: repeated identical audit entries are coalesced', () => {
  it('finding 1.9: 200 identical identify calls leave one entry and one audit.repeated with the count; the chain verifies', async () => {
    await open({
      ...DEFAULT_LIMITS,
      connection: { ...DEFAULT_LIMITS.connection, lookup: { capacity: 1000, perMinute: 1000 } },
      address: { ...DEFAULT_LIMITS.address, lookup: { capacity: 1000, perMinute: 1000 } },
    });
    const { known } = pairs(2);
    const kiosk = socket();
    const rows = () =>
      station.deps.sqlite
        .prepare(
          "SELECT seq, action, detail FROM audit_log WHERE action IN ('kiosk.identify', 'audit.repeated') ORDER BY seq",
        )
        .all() as { seq: number; action: string; detail: string }[];
    for (let i = 0; i < 200; i += 1) {
      if (i === 100) advance(1000);
      const answer = await kiosk.send('kiosk-identify', {
        nik: known[0]!.nik,
        kkNumber: known[0]!.kk,
      });
      expect(answer).toMatchObject({ ok: true, value: { isKnown: true } });
    }
    expect(rows().map((r) => r.action)).toEqual(['kiosk.identify']);
    // A different entry ends the run: its summary comes first, then the new entry.
    await kiosk.send('kiosk-identify', { nik: known[1]!.nik, kkNumber: known[1]!.kk });
    const [first, summary, second] = rows();
    expect([first?.action, summary?.action, second?.action]).toEqual([
      'kiosk.identify',
      'audit.repeated',
      'kiosk.identify',
    ]);
    expect(JSON.parse(summary!.detail)).toEqual({
      action: 'kiosk.identify',
      detail: { isKnown: true },
      repeatOf: first!.seq,
      repeats: 199,
      from: '2026-11-29T02:00:00.000Z',
      to: '2026-11-29T02:00:01.000Z',
    });
    // After the window the same entry is written again; close (flush) writes the last count.
    advance(5 * 60_000);
    for (let i = 0; i < 3; i += 1) {
      await kiosk.send('kiosk-identify', { nik: known[1]!.nik, kkNumber: known[1]!.kk });
    }
    expect(await flushAuditRepeats(station.deps)).toBe(true);
    expect(rows().map((r) => r.action)).toEqual([
      'kiosk.identify',
      'audit.repeated',
      'kiosk.identify',
      'kiosk.identify',
      'audit.repeated',
    ]);
    expect(JSON.parse(rows().at(-1)!.detail)).toMatchObject({ repeats: 2 });
    expect(await verifyAuditChain(station.deps.db)).toMatchObject({ isIntact: true });
  });
});
