import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxArgs } from '../../contract';
import type { Client } from '../../transport/client';
import { createTestStation, type TestStation } from '../../testing/station';
import {
  BUDI,
  desk,
  KK,
  NIK,
  photo,
  reasonOf,
  SRI,
  submitAtKiosk,
  value,
  type Desk,
} from '../../testing/desk';

let station: TestStation;
let d: Desk;
let sri: Client;
let budi: Client;

beforeEach(async () => {
  station = await createTestStation();
  d = desk(station);
  sri = d.as(SRI);
  budi = d.as(BUDI);
});
afterEach(() => station.dispose());

const advanceDays = (days: number) =>
  (station.ports.clock as unknown as { advance(ms: number): void }).advance(days * 86_400_000);

const inbox = async (client: Client, over: Partial<InboxArgs> = {}) =>
  value(await client.send('desk-inbox', { offset: 0, limit: 50, ...over }));
const numbersOf = (result: { items: { number: string }[] }) => result.items.map((i) => i.number);

interface Resident {
  nik: string;
  kk: string;
  village: string;
}

function registryResident(): Resident {
  return station.deps.sqlite
    .prepare(
      `SELECT r.nik, r.kk_number AS kk, f.village_code AS village FROM residents r
       JOIN families f ON f.kk_number = r.kk_number WHERE r.is_alive = 1 ORDER BY r.id LIMIT 1`,
    )
    .get() as Resident;
}

function otherVillage(not: string): { code: string; name: string } {
  return station.deps.sqlite
    .prepare("SELECT code, name FROM regions WHERE level = 'village' AND code <> ? LIMIT 1")
    .get(not) as { code: string; name: string };
}

const numberOf = (id: string) =>
  station.deps.sqlite.prepare('SELECT number FROM applications WHERE id = ?').pluck().get(id);

describe('desk-inbox', () => {
  it('lists oldest first with age, masked NIK, village, claim and photo count', async () => {
    const person = registryResident();
    const old = await submitAtKiosk(d, {
      fields: { 'pemohon-nik': person.nik, 'pemohon-no-kk': person.kk },
      photos: [photo('kk'), photo('surat-kehilangan-polisi', 2)],
    });
    advanceDays(3);
    const fresh = await submitAtKiosk(d, { photos: [] });
    value(await sri.send('desk-application-claim', { id: fresh }));

    const all = await inbox(sri);
    expect(all.total).toBe(2);
    expect(all.items.map((i) => i.id)).toEqual([old, fresh]);
    const [first, second] = all.items;
    expect(first).toMatchObject({
      serviceCode: 'ktp-el-hilang',
      status: 'diajukan',
      statusLabel: { id: 'Diajukan', en: 'Submitted' },
      channel: 'kiosk',
      maskedNik: `${person.nik.slice(0, 6)}********${person.nik.slice(14)}`,
      villageCode: person.village,
      ageDays: 3,
      claim: null,
      photoCount: 2,
    });
    expect(first?.villageName).toBeTruthy();
    expect(first?.service.id).toMatch(/KTP-el/);
    // ktp-el-hilang does not ask the name: the registry gives it; an unknown NIK gives none.
    const registryName = station.deps.sqlite
      .prepare('SELECT name FROM residents WHERE nik = ?')
      .pluck()
      .get(person.nik) as string;
    expect(first?.applicantName).toBe(registryName);
    expect(value(await sri.send('desk-application-get', { id: old })).applicant.name).toBe(
      registryName,
    );
    expect(second).toMatchObject({
      ageDays: 0,
      maskedNik: '160205********01',
      // Neither NIK nor No. KK is in this station's registry and no address was given.
      villageCode: null,
      villageName: null,
      applicantName: null,
      photoCount: 0,
      claim: { userName: 'Sri Wahyuni', isMine: true },
    });
    expect((await inbox(budi)).items[1]?.claim).toMatchObject({ isMine: false });
  });

  it('filters by status, counting every status over the other filters', async () => {
    const a = await submitAtKiosk(d);
    const b = await submitAtKiosk(d);
    await submitAtKiosk(d, {
      serviceCode: 'kk-pisah',
      fields: { 'pemohon-nik': NIK, 'pemohon-no-kk': KK },
      photos: [],
    });
    value(await sri.send('desk-application-claim', { id: b }));
    value(
      await sri.send('desk-application-decide', {
        id: b,
        decision: 'return',
        reason: 'Surat polisi belum ada',
      }),
    );
    const returned = await inbox(sri, { status: 'berkas-kurang' });
    expect(numbersOf(returned)).toEqual([numberOf(b)]);
    expect(returned.total).toBe(1);
    expect(returned.countsByStatus).toEqual({ diajukan: 2, 'berkas-kurang': 1 });

    const lostCards = await inbox(sri, { serviceCode: 'ktp-el-hilang' });
    expect(numbersOf(lostCards)).toEqual([numberOf(a), numberOf(b)]);
    expect(lostCards.countsByStatus).toEqual({ diajukan: 1, 'berkas-kurang': 1 });
    const both = await inbox(sri, { serviceCode: 'ktp-el-hilang', status: 'diajukan' });
    expect(numbersOf(both)).toEqual([numberOf(a)]);
  });

  it('filters by village: the address given, else the applicant family address', async () => {
    const person = registryResident();
    const away = otherVillage(person.village);
    const moving = await submitAtKiosk(d, {
      serviceCode: 'pindah-keluar',
      fields: {
        'pemohon-nik': person.nik,
        'pemohon-no-kk': person.kk,
        'pindah-klasifikasi': 'antar-desa',
        'pindah-alasan': 'pekerjaan',
        'alamat-wilayah': away.code,
        'alamat-jalan': 'JL. MERDEKA NO. 5',
        'alamat-rt': '1',
        'alamat-rw': '2',
        'jumlah-ikut': '1',
      },
      photos: [],
    });
    const local = await submitAtKiosk(d, {
      fields: { 'pemohon-nik': person.nik, 'pemohon-no-kk': person.kk },
    });
    // Unknown NIK, but the No. KK is a family of the registry.
    const byKk = await submitAtKiosk(d, {
      fields: { 'pemohon-nik': NIK, 'pemohon-no-kk': person.kk },
    });
    await submitAtKiosk(d);

    const there = await inbox(sri, { villageCode: away.code });
    expect(numbersOf(there)).toEqual([numberOf(moving)]);
    expect(there.items[0]?.villageName).toBe(away.name);
    const c = person.village;
    const dotted = `${c.slice(0, 2)}.${c.slice(2, 4)}.${c.slice(4, 6)}.${c.slice(6)}`;
    const home = await inbox(sri, { villageCode: dotted });
    expect(numbersOf(home)).toEqual([numberOf(local), numberOf(byKk)]);
    expect(home.total).toBe(2);
    expect((await inbox(sri)).total).toBe(4);
  });

  it('filters by age in whole Jakarta days', async () => {
    const old = await submitAtKiosk(d);
    advanceDays(2);
    const middle = await submitAtKiosk(d);
    advanceDays(1);
    await submitAtKiosk(d);
    expect(numbersOf(await inbox(sri, { minAgeDays: 3 }))).toEqual([numberOf(old)]);
    expect(numbersOf(await inbox(sri, { minAgeDays: 1 }))).toEqual([
      numberOf(old),
      numberOf(middle),
    ]);
    expect((await inbox(sri, { minAgeDays: 4 })).total).toBe(0);
    expect((await inbox(sri, { minAgeDays: 0 })).total).toBe(3);
  });

  it('filters mine, free and all claims, and pages', async () => {
    const a = await submitAtKiosk(d);
    const b = await submitAtKiosk(d);
    const c = await submitAtKiosk(d);
    value(await sri.send('desk-application-claim', { id: a }));
    value(await budi.send('desk-application-claim', { id: b }));
    expect(numbersOf(await inbox(sri, { claim: 'mine' }))).toEqual([numberOf(a)]);
    expect(numbersOf(await inbox(budi, { claim: 'mine' }))).toEqual([numberOf(b)]);
    expect(numbersOf(await inbox(sri, { claim: 'free' }))).toEqual([numberOf(c)]);
    expect((await inbox(sri, { claim: 'all' })).total).toBe(3);
    const page = await inbox(sri, { offset: 1, limit: 1 });
    expect(numbersOf(page)).toEqual([numberOf(b)]);
    expect(page.total).toBe(3);
  });

  it('refuses bad filters with INVALID_ARGS', async () => {
    const bad = [
      { status: 'unknown' },
      { serviceCode: 'paspor' },
      { villageCode: '16.02.01' },
      { minAgeDays: -1 },
      { minAgeDays: 1.5 },
      { claim: 'theirs' },
      { limit: 0 },
      { limit: 101 },
      { offset: -1 },
      { sort: 'newest' },
    ];
    for (const over of bad) {
      const result = await sri.send('desk-inbox', {
        offset: 0,
        limit: 10,
        ...(over as Partial<InboxArgs>),
      });
      expect(reasonOf(result), JSON.stringify(over)).toBe('INVALID_ARGS');
    }
    expect(reasonOf(await sri.send('desk-inbox', { offset: 0, limit: 10 }))).toBeUndefined();
  });
});
