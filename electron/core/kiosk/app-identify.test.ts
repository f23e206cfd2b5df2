import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSubject } from '../../../db/queries/audit';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';

const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
const UNKNOWN = { ok: true, value: { isKnown: false, greetingName: null, prefill: {} } };

let station: TestStation;
let client: Client;
let connections = 0;

beforeEach(async () => {
  station = await createTestStation();
  client = memoryPair(station.dispatcher, `identify-${connections++}`, kiosk);
});
afterEach(() => station.dispose());

interface Seeded {
  nik: string;
  kk: string;
  name: string;
  address: string;
  dusun: string | null;
  rt: string;
  rw: string;
  village: string;
}

/** A living resident of the training station's synthetic registry, with the family's address. */
function seeded(): Seeded {
  return station.deps.sqlite
    .prepare(
      `SELECT r.nik, r.kk_number AS kk, r.name, f.address, f.dusun, f.rt, f.rw,
         f.village_code AS village
       FROM residents r JOIN families f ON f.kk_number = r.kk_number
       WHERE r.is_alive = 1 ORDER BY r.id LIMIT 1`,
    )
    .get() as Seeded;
}

const identify = (nik: string, kkNumber: string) =>
  client.send('kiosk-identify', { nik, kkNumber });

const identifyAudits = () =>
  station.deps.sqlite
    .prepare("SELECT * FROM audit_log WHERE action = 'kiosk.identify' ORDER BY seq")
    .all() as { subject_hash: string | null; detail: string; actor: string }[];

describe('kiosk-identify', () => {
  it('greets a known NIK + No. KK pair and pre-fills name and address', async () => {
    const person = seeded();
    const result = await identify(person.nik, person.kk);
    const [first = '', ...rest] = person.name.split(' ');
    const expectedGreeting = [first, ...rest.map((w) => `${w[0] ?? ''}.`)].join(' ');
    expect(result).toEqual({
      ok: true,
      value: {
        isKnown: true,
        greetingName: expectedGreeting,
        prefill: {
          'pemohon-nama': person.name,
          'alamat-wilayah': person.village,
          'alamat-jalan': person.dusun ? `${person.address}, ${person.dusun}` : person.address,
          'alamat-rt': String(Number(person.rt)),
          'alamat-rw': String(Number(person.rw)),
        },
      },
    });
    // Stored padded ('003'), offered as a citizen types it ('3').
    expect(person.rt).toMatch(/^0/);
  });

  it('answers a right NIK with a wrong KK exactly like an unknown NIK', async () => {
    const person = seeded();
    const otherKk = station.deps.sqlite
      .prepare('SELECT kk_number FROM families WHERE kk_number <> ? LIMIT 1')
      .pluck()
      .get(person.kk) as string;
    const wrongKk = await identify(person.nik, otherKk);
    const unknownNik = await identify('1602054107990099', person.kk);
    expect(wrongKk).toEqual(UNKNOWN);
    expect(unknownNik).toEqual(wrongKk);
  });

  it('does not greet a deceased resident', async () => {
    const person = seeded();
    station.deps.sqlite.prepare('UPDATE residents SET is_alive = 0 WHERE nik = ?').run(person.nik);
    expect(await identify(person.nik, person.kk)).toEqual(UNKNOWN);
  });

  it('offers only values the submission would accept', async () => {
    const person = seeded();
    const street = `JL. ${'PANJANG '.repeat(13)}NO. 1`; // 113 characters: fits, but not with the dusun
    station.deps.sqlite
      .prepare(
        "UPDATE families SET rt = '000', rw = '010', address = ?, dusun = 'DUSUN II' WHERE kk_number = ?",
      )
      .run(street, person.kk);
    station.deps.sqlite
      .prepare('UPDATE residents SET name = ? WHERE nik = ?')
      .run(`SITI ${'A'.repeat(60)}`, person.nik);
    const result = await identify(person.nik, person.kk);
    expect(result).toEqual({
      ok: true,
      value: {
        isKnown: true,
        greetingName: 'SITI A.',
        prefill: { 'alamat-wilayah': person.village, 'alamat-jalan': street, 'alamat-rw': '10' },
      },
    });
  });

  it.each([
    ['1602059907900001', '1602051234567890', 'INVALID_NIK', 'nik'],
    ['16020541079', '1602051234567890', 'INVALID_NIK', 'nik'],
    ['1602054107900001', '12345', 'INVALID_KK', 'kkNumber'],
    ['1602054107900001', '9902051234567890', 'INVALID_KK', 'kkNumber'],
  ])('refuses %s / %s with %s, writing no audit entry', async (nik, kk, reason, field) => {
    const result = await identify(nik, kk);
    expect(result.ok || result.error).toMatchObject({
      code: 'INVALID_ARGS',
      reason,
      fields: [field],
    });
    expect(identifyAudits()).toEqual([]);
  });

  it('audits every checked call with the keyed NIK hash and isKnown only', async () => {
    const person = seeded();
    await identify(person.nik, person.kk);
    await identify(person.nik, '1602050101200001');
    const audits = identifyAudits();
    expect(audits.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { isKnown: true },
      { isKnown: false },
    ]);
    const hash = hashSubject(station.deps.auditKey, person.nik);
    for (const audit of audits) {
      expect(audit.subject_hash).toBe(hash);
      expect(audit.actor).toBe('kiosk');
      const row = JSON.stringify(audit);
      expect(row).not.toContain(person.nik);
      expect(row).not.toContain(person.kk);
      for (const word of person.name.split(' ')) expect(row).not.toContain(word);
    }
  });
});
