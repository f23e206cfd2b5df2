import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import { activeBindingByUid, bindCard, bindingsOfResident } from './card-bindings';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

const NIK = '1602054107900001';
const OTHER = '1602055512030001';
const binding = (uid: string, nik = NIK, at = '2026-12-01T01:00:00.000Z') => ({
  uid,
  resident_nik: nik,
  bound_at: at,
  bound_by: 'rina.op',
});

describe('card bindings', () => {
  it('keeps one active card per resident and the older ones as released', async () => {
    expect(await bindCard(t.db, binding('A1B2C3D4'))).toEqual([]);
    const later = '2026-12-02T01:00:00.000Z';
    expect(await bindCard(t.db, binding('04A1B2C3D4E580', NIK, later))).toEqual(['A1B2C3D4']);
    expect(await activeBindingByUid(t.db, 'A1B2C3D4')).toBeNull();
    expect(await activeBindingByUid(t.db, '04A1B2C3D4E580')).toMatchObject({ resident_nik: NIK });
    expect(await bindingsOfResident(t.db, NIK)).toMatchObject([
      { uid: '04A1B2C3D4E580', released_at: null },
      { uid: 'A1B2C3D4', released_at: later },
    ]);
  });

  it('binds a released card afresh, to the same resident or another', async () => {
    await bindCard(t.db, binding('A1B2C3D4'));
    await bindCard(t.db, binding('B1B2C3D4', NIK, '2026-12-02T01:00:00.000Z'));
    await bindCard(t.db, binding('A1B2C3D4', OTHER, '2026-12-03T01:00:00.000Z'));
    expect(await activeBindingByUid(t.db, 'A1B2C3D4')).toEqual({
      ...binding('A1B2C3D4', OTHER, '2026-12-03T01:00:00.000Z'),
      released_at: null,
    });
    expect(await bindingsOfResident(t.db, NIK)).toMatchObject([{ uid: 'B1B2C3D4' }]);
  });

  it('does not take a card still bound: the caller refuses it first', async () => {
    await bindCard(t.db, binding('A1B2C3D4'));
    await bindCard(t.db, binding('A1B2C3D4', OTHER));
    expect(await activeBindingByUid(t.db, 'A1B2C3D4')).toMatchObject({ resident_nik: NIK });
  });

  it.each([
    ['a lower-case UID', 'a1b2c3d4', NIK],
    ['a 5-byte UID', 'A1B2C3D4E5', NIK],
    ['a short NIK', 'A1B2C3D4', '160205'],
  ])('refuses %s in the table itself', async (_what, uid, nik) => {
    const insert = t.sqlite.prepare(
      "INSERT INTO card_bindings (uid, resident_nik, bound_at) VALUES (?, ?, '2026-12-01')",
    );
    expect(() => insert.run(uid, nik)).toThrow(/CHECK constraint failed/);
  });
});
