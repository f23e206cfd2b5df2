import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSubject } from '../../../db/queries/audit';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';

const officer = { role: 'operator', userName: 'rina.op', mode: 'officer' } as const;
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
const AT = '2026-11-29T02:00:00.000Z';

let station: TestStation;
let client: Client;
let connections = 0;

beforeEach(async () => {
  station = await createTestStation();
  client = memoryPair(station.dispatcher, `card-${connections++}`, officer);
});
afterEach(() => station.dispose());

/** Living residents of the training station's synthetic registry. */
function residents(n: number): { nik: string; name: string }[] {
  return station.deps.sqlite
    .prepare('SELECT nik, name FROM residents WHERE is_alive = 1 ORDER BY id LIMIT ?')
    .all(n) as { nik: string; name: string }[];
}

const bind = (nik: string, uid: string) => client.send('registry-card-bind', { nik, uid });
const bindings = () =>
  station.deps.sqlite.prepare('SELECT * FROM card_bindings ORDER BY uid').all();
const bindAudits = () =>
  station.deps.sqlite
    .prepare("SELECT * FROM audit_log WHERE action = 'registry.card-bound' ORDER BY seq")
    .all() as { subject_hash: string | null; detail: string; actor: string }[];
const masked = (nik: string) => `${nik.slice(0, 6)}********${nik.slice(14)}`;

describe('registry-card-bind', () => {
  it('binds a chip UID as the reader prints it to a living resident, audited by hash', async () => {
    const [person] = residents(1);
    if (!person) throw new Error('no resident');
    const result = await bind(person.nik, '04:a1:b2:c3:d4:e5:80');
    expect(result).toEqual({
      ok: true,
      value: {
        uid: '04A1B2C3D4E580',
        maskedNik: masked(person.nik),
        boundAt: AT,
        boundBy: 'rina.op',
      },
    });
    expect(bindings()).toEqual([
      {
        uid: '04A1B2C3D4E580',
        resident_nik: person.nik,
        bound_at: AT,
        bound_by: 'rina.op',
        released_at: null,
      },
    ]);
    const [audit, ...more] = bindAudits();
    expect(more).toEqual([]);
    expect(audit?.subject_hash).toBe(hashSubject(station.deps.auditKey, person.nik));
    expect(audit?.actor).toBe('rina.op');
    expect(JSON.parse(audit?.detail ?? '')).toEqual({ uid: '04A1B2C3D4E580', releasedUids: [] });
    const row = JSON.stringify(audit);
    expect(row).not.toContain(person.nik);
    for (const word of person.name.split(' ')) expect(row).not.toContain(word);
  });

  it('answers the existing binding when the same card is bound to the same NIK again', async () => {
    const [person] = residents(1);
    if (!person) throw new Error('no resident');
    const first = await bind(person.nik, 'A1B2C3D4');
    (station.ports.clock as unknown as { advance(ms: number): void }).advance(60_000);
    const again = memoryPair(station.dispatcher, `card-${connections++}`, {
      ...officer,
      userName: 'budi.op',
    });
    const second = await again.send('registry-card-bind', { nik: person.nik, uid: 'a1b2c3d4' });
    expect(second).toEqual(first);
    expect(bindAudits()).toHaveLength(1);
    expect(bindings()).toHaveLength(1);
  });

  it('refuses a card bound to someone else and changes nothing', async () => {
    const [owner, other] = residents(2);
    if (!owner || !other) throw new Error('no residents');
    await bind(owner.nik, 'A1B2C3D4');
    const before = { rows: bindings(), audits: bindAudits() };
    const result = await bind(other.nik, 'a1:b2:c3:d4');
    expect(result.ok || result.error).toMatchObject({
      code: 'CONFLICT',
      reason: 'CARD_BOUND_ELSEWHERE',
    });
    // The answer does not say whose card it is.
    expect(JSON.stringify(result)).not.toContain(owner.nik.slice(0, 6));
    expect({ rows: bindings(), audits: bindAudits() }).toEqual(before);
  });

  it('releases the old card when a resident gets a new one', async () => {
    const [person] = residents(1);
    if (!person) throw new Error('no resident');
    await bind(person.nik, 'A1B2C3D4');
    (station.ports.clock as unknown as { advance(ms: number): void }).advance(60_000);
    const result = await bind(person.nik, '04A1B2C3D4E580');
    expect(result.ok && result.value.uid).toBe('04A1B2C3D4E580');
    expect(bindings()).toMatchObject([
      { uid: '04A1B2C3D4E580', released_at: null },
      { uid: 'A1B2C3D4', released_at: '2026-11-29T02:01:00.000Z' },
    ]);
    expect(bindAudits().map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { uid: 'A1B2C3D4', releasedUids: [] },
      { uid: '04A1B2C3D4E580', releasedUids: ['A1B2C3D4'] },
    ]);
  });

  it.each([
    ['1602059907900001', 'A1B2C3D4', 'INVALID_NIK', 'nik'],
    ['16020541079', 'A1B2C3D4', 'INVALID_NIK', 'nik'],
    ['a resident', 'A1B2C3', 'INVALID_UID', 'uid'],
    ['a resident', 'not a card', 'INVALID_UID', 'uid'],
    ['a resident', '08:12:34:56', 'RANDOM_UID', 'uid'],
  ])('refuses %s / %s with %s, writing nothing', async (nik, uid, reason, field) => {
    const [person] = residents(1);
    const result = await bind(nik === 'a resident' ? (person?.nik ?? '') : nik, uid);
    expect(result.ok || result.error).toMatchObject({
      code: 'INVALID_ARGS',
      reason,
      fields: [field],
    });
    expect(bindings()).toEqual([]);
    expect(bindAudits()).toEqual([]);
  });

  it('binds only a living resident of the registry', async () => {
    const [person] = residents(1);
    if (!person) throw new Error('no resident');
    const absent = await bind('1602054107990099', 'A1B2C3D4');
    station.deps.sqlite.prepare('UPDATE residents SET is_alive = 0 WHERE nik = ?').run(person.nik);
    const deceased = await bind(person.nik, 'A1B2C3D4');
    expect(absent.ok || absent.error.code).toBe('NOT_FOUND');
    expect(deceased.ok || deceased.error.code).toBe('NOT_FOUND');
    expect(bindings()).toEqual([]);
    expect(bindAudits()).toEqual([]);
  });

  it('is not for the kiosk', async () => {
    const [person] = residents(1);
    if (!person) throw new Error('no resident');
    const atKiosk = memoryPair(station.dispatcher, `card-${connections++}`, kiosk);
    const result = await atKiosk.send('registry-card-bind', { nik: person.nik, uid: 'A1B2C3D4' });
    expect(result.ok || result.error.code).toBe('FORBIDDEN');
    expect(bindings()).toEqual([]);
  });
});
