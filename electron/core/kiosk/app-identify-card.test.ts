import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSubject } from '../../../db/queries/audit';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';

const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
const officer = { role: 'operator', userName: 'rina.op', mode: 'officer' } as const;
const UNKNOWN = { ok: true, value: { isKnown: false, greetingName: null, prefill: {} } };
const UID = '04A1B2C3D4E580';

let station: TestStation;
let client: Client;
let desk: Client;
let connections = 0;

beforeEach(async () => {
  station = await createTestStation();
  client = memoryPair(station.dispatcher, `identify-card-${connections++}`, kiosk);
  desk = memoryPair(station.dispatcher, `identify-card-${connections++}`, officer);
});
afterEach(() => station.dispose());

/** A living resident of the training station's synthetic registry with a card bound by an officer. */
async function boundResident(uid = UID): Promise<{ nik: string; kk: string; name: string }> {
  const person = station.deps.sqlite
    .prepare(
      'SELECT nik, kk_number AS kk, name FROM residents WHERE is_alive = 1 ORDER BY id LIMIT 1',
    )
    .get() as { nik: string; kk: string; name: string };
  const bound = await desk.send('registry-card-bind', { nik: person.nik, uid });
  if (!bound.ok) throw new Error(bound.error.message);
  return person;
}

const identifyCard = (uid: string) => client.send('kiosk-identify-card', { uid });
const cardAudits = () =>
  station.deps.sqlite
    .prepare("SELECT * FROM audit_log WHERE action = 'kiosk.identify-card' ORDER BY seq")
    .all() as { subject_hash: string | null; detail: string; actor: string }[];

describe('kiosk-identify-card', () => {
  it('answers a bound card as kiosk-identify answers its NIK + No. KK, with both numbers', async () => {
    const person = await boundResident();
    const typed = await client.send('kiosk-identify', { nik: person.nik, kkNumber: person.kk });
    const tapped = await identifyCard('04:a1:b2:c3:d4:e5:80');
    if (!typed.ok || !tapped.ok) throw new Error('identify failed');
    expect(typed.value.isKnown).toBe(true);
    expect(tapped.value).toEqual({
      ...typed.value,
      prefill: { ...typed.value.prefill, 'pemohon-nik': person.nik, 'pemohon-no-kk': person.kk },
    });
    expect(tapped.value.prefill['pemohon-nama']).toBe(person.name);
  });

  it('answers an unbound card, a released one and a dead or removed resident alike', async () => {
    const person = await boundResident();
    const unbound = await identifyCard('A1B2C3D4');
    expect(unbound).toEqual(UNKNOWN);

    station.deps.sqlite.prepare('UPDATE residents SET is_alive = 0 WHERE nik = ?').run(person.nik);
    expect(await identifyCard(UID)).toEqual(UNKNOWN);
    station.deps.sqlite.prepare('UPDATE residents SET is_alive = 1 WHERE nik = ?').run(person.nik);

    // No longer in the registry (an import rollback removes rows; the binding stays behind).
    station.deps.sqlite
      .prepare("UPDATE card_bindings SET resident_nik = '1602054107990099' WHERE uid = ?")
      .run(UID);
    expect(await identifyCard(UID)).toEqual(UNKNOWN);
    station.deps.sqlite
      .prepare('UPDATE card_bindings SET resident_nik = ? WHERE uid = ?')
      .run(person.nik, UID);
    expect((await identifyCard(UID)).ok).toBe(true);

    // A new card releases the old one.
    await desk.send('registry-card-bind', { nik: person.nik, uid: 'B1B2C3D4' });
    expect(await identifyCard(UID)).toEqual(UNKNOWN);
    expect(await identifyCard('B1B2C3D4')).toMatchObject({ ok: true, value: { isKnown: true } });
  });

  it.each(['A1B2C3', '04A1B2C3D4E58', 'ZZZZZZZZ', '', 'A1B2C3D4; DROP TABLE'])(
    'refuses %j with INVALID_UID, writing no audit entry',
    async (uid) => {
      const result = await identifyCard(uid);
      expect(result.ok || result.error).toMatchObject({
        code: 'INVALID_ARGS',
        reason: 'INVALID_UID',
        fields: ['uid'],
      });
      expect(cardAudits()).toEqual([]);
    },
  );

  it('audits every checked tap with isKnown, the NIK hash when known, never name or UID', async () => {
    const person = await boundResident();
    await identifyCard(UID);
    await identifyCard('A1B2C3D4');
    const audits = cardAudits();
    expect(audits.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { isKnown: true },
      { isKnown: false },
    ]);
    expect(audits.map((a) => a.subject_hash)).toEqual([
      hashSubject(station.deps.auditKey, person.nik),
      null,
    ]);
    for (const audit of audits) {
      expect(audit.actor).toBe('kiosk');
      const row = JSON.stringify(audit);
      for (const secret of [person.nik, person.kk, UID, 'A1B2C3D4', ...person.name.split(' ')])
        expect(row).not.toContain(secret);
    }
  });
});
