import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestStation, type TestStation } from '../testing/station';
import { Dispatcher } from './dispatcher';
import { memoryPair } from './memory-pair';

let station: TestStation;
beforeEach(async () => {
  station = await createTestStation();
});
afterEach(() => station.dispose());

const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
const supervisor = { role: 'supervisor', userName: 'Sri', mode: 'officer' } as const;

async function auditCount(s: TestStation): Promise<number> {
  const row = await s.deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function ticketCount(s: TestStation): Promise<number> {
  const rows = await s.deps.db.selectFrom('queue_tickets').select('id').execute();
  return rows.length;
}

describe('dispatcher over an in-memory pair', () => {
  it('runs a valid call and writes through the core', async () => {
    const client = memoryPair(station.dispatcher, 'c1', kiosk);
    const before = await auditCount(station);
    const result = await client.send('kiosk-ticket-take', { serviceCode: 'kk' });
    expect(result).toMatchObject({
      ok: true,
      value: { number: 'A-001', serviceCode: 'kk', waitingAhead: 0 },
    });
    expect(await auditCount(station)).toBe(before + 1);
  });

  it('refuses an unknown handler with UNKNOWN_HANDLER and changes nothing', async () => {
    const client = memoryPair(station.dispatcher, 'c1', supervisor);
    const before = [await auditCount(station), await ticketCount(station)];
    const result = await client.sendRaw({ name: 'registry-delete-everything', args: {} });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'UNKNOWN_HANDLER' }),
    });
    expect([await auditCount(station), await ticketCount(station)]).toEqual(before);
  });

  it('refuses invalid arguments with INVALID_ARGS naming the fields, and changes nothing', async () => {
    const client = memoryPair(station.dispatcher, 'c1', kiosk);
    const before = [await auditCount(station), await ticketCount(station)];
    const cases: unknown[] = [
      {},
      { serviceCode: 42 },
      { serviceCode: '' },
      { serviceCode: 'kk', extra: true },
      null,
      'kk',
    ];
    for (const args of cases) {
      const result = await client.sendRaw({ name: 'kiosk-ticket-take', args });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_ARGS');
    }
    const named = await client.sendRaw({ name: 'kiosk-ticket-take', args: { serviceCode: 7 } });
    expect(named).toMatchObject({ ok: false, error: { fields: ['serviceCode'] } });
    expect([await auditCount(station), await ticketCount(station)]).toEqual(before);
  });

  it('refuses a call above the connection role with FORBIDDEN, before validating, and changes nothing', async () => {
    const client = memoryPair(station.dispatcher, 'c1', kiosk);
    const before = await auditCount(station);
    for (const name of [
      'audit-list',
      'audit-verify',
      'kiosk-queue-list',
      'station-status',
    ] as const) {
      const result = await client.sendRaw({ name, args: { limit: 10 } });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // Even malformed arguments get FORBIDDEN: a kiosk learns nothing about officer schemas.
    const probe = await client.sendRaw({ name: 'audit-list', args: { nonsense: true } });
    expect(probe).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await auditCount(station)).toBe(before);
    const officer = memoryPair(station.dispatcher, 'c2', supervisor);
    expect(await officer.send('audit-list', { limit: 10 })).toMatchObject({ ok: true });
  });

  it('returns expected domain failures as values', async () => {
    const client = memoryPair(station.dispatcher, 'c1', kiosk);
    const result = await client.send('kiosk-ticket-take', { serviceCode: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ticketCount(station)).toBe(0);
  });

  it('rejects malformed envelopes', async () => {
    const replies: unknown[] = [];
    station.dispatcher.connect('raw', kiosk, (m) => replies.push(m));
    await station.dispatcher.receive('raw', {
      kind: 'call',
      id: 1,
      name: 'station-session-get',
      args: {},
      sneaky: 1,
    });
    await station.dispatcher.receive('raw', {
      kind: 'call',
      id: '2',
      name: 'station-session-get',
      args: {},
    });
    await station.dispatcher.receive('raw', null);
    expect(replies).toEqual([
      {
        kind: 'reply',
        id: 1,
        result: { ok: false, error: expect.objectContaining({ code: 'BAD_ENVELOPE' }) },
      },
      {
        kind: 'reply',
        id: -1,
        result: { ok: false, error: expect.objectContaining({ code: 'BAD_ENVELOPE' }) },
      },
      {
        kind: 'reply',
        id: -1,
        result: { ok: false, error: expect.objectContaining({ code: 'BAD_ENVELOPE' }) },
      },
    ]);
  });

  it('routes pushes: session changes to the caller only, queue changes to everyone', async () => {
    const a = memoryPair(station.dispatcher, 'a', kiosk);
    const b = memoryPair(station.dispatcher, 'b', kiosk);
    const seen: string[] = [];
    // Resolves once three pushes have arrived (never after a fixed delay).
    let onThird = () => {};
    const third = new Promise<void>((resolve) => (onThird = resolve));
    const see = (what: string) => {
      seen.push(what);
      if (seen.length === 3) onThird();
    };
    a.listen('session-changed', () => see('a:session'));
    b.listen('session-changed', () => see('b:session'));
    a.listen('queue-changed', (p) => see(`a:queue:${p.lastNumber}`));
    b.listen('queue-changed', (p) => see(`b:queue:${p.lastNumber}`));
    await a.send('station-demo-switch', { mode: 'officer' });
    await b.send('kiosk-ticket-take', { serviceCode: 'kia' });
    await third;
    // Anything pushed by mistake is queued behind the reply; let those microtasks run too.
    await b.send('station-session-get', {});
    expect(seen.sort()).toEqual(['a:queue:C-001', 'a:session', 'b:queue:C-001']);
    expect(station.dispatcher.session('a')?.role).toBe('supervisor');
    expect(station.dispatcher.session('b')?.role).toBe('kiosk');
  });

  it('maps an unexpected exception once to INTERNAL without leaking its message', async () => {
    const reported: string[] = [];
    const dispatcher = new Dispatcher((error) => reported.push(String(error)));
    dispatcher.method('station-session-get', {
      role: 'kiosk',
      args: z.strictObject({}),
      run: () => {
        throw new Error('secret path /home/x/station.db');
      },
    });
    const client = memoryPair(dispatcher, 'c', kiosk);
    const result = await client.sendRaw({ name: 'station-session-get', args: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(reported).toEqual(['Error: secret path /home/x/station.db']);
  });

  it('throws at start-up when a handler name is registered twice', () => {
    const dispatcher = new Dispatcher(() => {});
    const spec = {
      role: 'kiosk' as const,
      args: z.strictObject({}),
      run: () => ({ ok: true as const, value: [] }),
    };
    dispatcher.method('kiosk-services', spec);
    expect(() => dispatcher.method('kiosk-services', spec)).toThrow(/twice/);
  });

  it('refuses the training switch on a real station', async () => {
    const real = await createTestStation({ demo: false });
    try {
      const client = memoryPair(real.dispatcher, 'c', kiosk);
      expect(await client.send('station-demo-switch', { mode: 'officer' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_TRAINING' },
      });
      expect(real.dispatcher.session('c')?.role).toBe('kiosk');
    } finally {
      await real.dispose();
    }
  });
});
