import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationList } from '../../contract';
import { RINA, SRI } from '../../testing/desk';
import { addAccounts, kijangUluPlan, planEvent, valueOf } from '../../testing/outreach-plan';
import { printWithChromium } from '../../testing/outreach-print';
import { pdfFile, pdfPage, pdfText } from '../../testing/pdf-tools';
import { as, recordingArgs } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import { maskNik } from '../common/mask';
import { ageOn, csvCell } from './invitations';

// A synthetic registry in Kec. Tanjung Lubuk (the demo registry fills only Kec. Kayu Agung).
let station: TestStation;
let v1: { code: string; name: string };
let v2: { code: string; name: string };
let v3: { code: string; name: string };
let eventId: string;

interface Someone {
  nik: string;
  name: string;
  kk: string;
  birth: string;
  marital?: 1 | 2;
  relationship?: number;
  marriage?: string;
  citizenship?: 'WNI' | 'WNA';
  alive?: 0 | 1;
}

const nik = (n: number) => `160202${String(n).padStart(10, '0')}`;
const P = {
  andi: { nik: nik(1), name: 'ANDI PRATAMA', kk: 'F1', birth: '2010-12-05', relationship: 4 },
  bunga: { nik: nik(2), name: 'BUNGA LESTARI', kk: 'F1', birth: '2009-12-11', relationship: 4 },
  citra: { nik: nik(3), name: 'CITRA DEWI', kk: 'F1', birth: '2009-06-01', relationship: 4 },
  dedi: { nik: nik(4), name: 'DEDI SUPRIADI', kk: 'F2', birth: '2009-03-03', relationship: 4 },
  eko: { nik: nik(5), name: 'EKO SAPUTRA', kk: 'F2', birth: '2008-12-09', relationship: 4 },
  william: {
    nik: nik(6),
    name: 'WILLIAM TAN',
    kk: 'F2',
    birth: '2010-01-01',
    relationship: 9,
    citizenship: 'WNA',
  },
  fajar: {
    nik: nik(7),
    name: 'FAJAR NUGROHO',
    kk: 'F1',
    birth: '1999-01-01',
    marital: 2,
    relationship: 4,
    marriage: '2026-05-01',
  },
  gita: {
    nik: nik(8),
    name: 'GITA PERMATA',
    kk: 'F2',
    birth: '1990-01-01',
    marital: 2,
    relationship: 1,
    marriage: '2019-05-01',
  },
  hadi: {
    nik: nik(9),
    name: 'HADI WIJAYA',
    kk: 'F1',
    birth: '1985-01-01',
    marital: 2,
    relationship: 1,
    marriage: '2019-01-01',
  },
  indah: {
    nik: nik(10),
    name: 'INDAH SARI',
    kk: 'F3',
    birth: '2000-01-01',
    marital: 2,
    relationship: 4,
    marriage: '2025-01-01',
  },
  joko: { nik: nik(11), name: 'JOKO KECIL', kk: 'F3', birth: '2021-04-04', relationship: 4 },
  kiki: { nik: nik(12), name: 'KIKI AMELIA', kk: 'F3', birth: '2020-02-02', relationship: 4 },
  lina: { nik: nik(13), name: 'LINA MARLINA', kk: 'F3', birth: '1980-01-01', relationship: 1 },
  maya: {
    nik: nik(14),
    name: 'MAYA ALMARHUMAH',
    kk: 'F3',
    birth: '2022-01-01',
    relationship: 4,
    alive: 0,
  },
  nina: { nik: nik(15), name: 'NINA DESA LAIN', kk: 'F4', birth: '2021-01-01', relationship: 4 },
  zainal: { nik: nik(16), name: '@ZAINAL', kk: 'F2', birth: '2019-01-01', relationship: 4 },
  putri: { nik: nik(17), name: 'PUTRI AYU', kk: 'F3', birth: '2019-05-05', relationship: 4 },
  orang: { nik: nik(18), name: 'ORANG TUA LAIN', kk: 'F4', birth: '1970-01-01', relationship: 1 },
} satisfies Record<string, Someone>;

const KK = (f: string) => `16020200000000${f.slice(1).padStart(2, '0')}`;

async function seedRegistry(): Promise<void> {
  const db = station.deps.db;
  const at = '2026-11-01T00:00:00.000Z';
  const families = [
    {
      f: 'F1',
      village: v1.code,
      rt: '001',
      rw: '002',
      address: 'Jl. Lintas Timur No. 1',
      issued: '2020-03-01',
    },
    {
      f: 'F2',
      village: v1.code,
      rt: '003',
      rw: '002',
      address: '=HYPERLINK("http://x")',
      issued: '2018-01-01',
    },
    { f: 'F3', village: v2.code, rt: '001', rw: '001', address: '+62 Dusun II', issued: null },
    { f: 'F4', village: v3.code, rt: '001', rw: '001', address: 'Desa lain', issued: null },
  ];
  await db
    .insertInto('families')
    .values(
      families.map((x) => ({
        kk_number: KK(x.f),
        head_nik: null,
        address: x.address,
        rt: x.rt,
        rw: x.rw,
        dusun: null,
        village_code: x.village,
        postal_code: null,
        issued_at: x.issued,
        updated_at: at,
        source: 'test',
      })),
    )
    .execute();
  const villageOf = new Map(families.map((x) => [x.f, x.village]));
  await db
    .insertInto('residents')
    .values(
      Object.values(P).map((p: Someone) => ({
        nik: p.nik,
        kk_number: KK(p.kk),
        name: p.name,
        name_key: p.name.toLowerCase(),
        sex: 1 as const,
        birth_place: 'KAYUAGUNG',
        birth_date: p.birth,
        birth_year: Number(p.birth.slice(0, 4)),
        religion: 1,
        education: 1,
        occupation: 1,
        marital_status: p.marital ?? 1,
        marital_recorded: 1 as const,
        marriage_date: p.marriage ?? null,
        marriage_cert_no: null,
        divorce_date: null,
        divorce_cert_no: null,
        birth_cert_no: null,
        relationship: p.relationship ?? 4,
        blood_group: 13,
        disability: null,
        citizenship: p.citizenship ?? 'WNI',
        passport_no: null,
        kitap_no: null,
        father_nik: null,
        father_name: null,
        mother_nik: null,
        mother_name: null,
        village_code: villageOf.get(p.kk) ?? '',
        is_alive: p.alive ?? 1,
        updated_at: at,
        source: 'test',
      })),
    )
    .execute();
  let n = 0;
  const application = async (
    service: string,
    status: string,
    applicant: string,
    createdAt: string,
    fields: Record<string, string> = {},
  ) => {
    n += 1;
    await db
      .insertInto('applications')
      .values({
        id: `app-${n}`,
        number: `OKI-TEST-20261120-${String(n).padStart(4, '0')}`,
        service_code: service,
        status,
        applicant_nik: applicant,
        applicant_kk: null,
        applicant_name: null,
        fields: JSON.stringify({ 'pemohon-nik': applicant, ...fields }),
        channel: 'desk',
        created_at: createdAt,
        unit_id: station.deps.unit.unit_id,
        is_training: 1,
      })
      .execute();
  };
  await application('ktp-el-baru', 'diajukan', P.citra.nik, '2026-11-20T03:00:00.000Z');
  await application('kk-pisah', 'diambil', P.indah.nik, '2026-11-20T03:00:00.000Z');
  await application('kia-baru', 'diajukan', P.orang.nik, '2026-11-21T03:00:00.000Z', {
    'anak-nik': P.kiki.nik,
  });
  await application('kia-baru', 'ditolak', P.orang.nik, '2026-11-21T03:00:00.000Z', {
    'anak-nik': P.putri.nik,
  });
  await application('akta-kematian', 'selesai', P.lina.nik, '2026-11-22T03:00:00.000Z');
  await application('kk-perubahan', 'ditolak', P.lina.nik, '2026-11-22T03:00:00.000Z');
  // Dedi was recorded at this station (a real recording, through the handler).
  const dedi = station.deps.sqlite
    .prepare('SELECT id FROM residents WHERE nik = ?')
    .pluck()
    .get(P.dedi.nik) as number;
  valueOf(
    await as(station, SRI).send(
      'recording-create',
      recordingArgs({ residentRef: `r${dedi}` }, 'red'),
    ),
  );
}

beforeAll(async () => {
  station = await createTestStation();
  await addAccounts(station);
  const villages = station.deps.sqlite
    .prepare(
      "SELECT code, name FROM regions WHERE level = 'village' AND parent_code = '160202' AND valid_until_version IS NULL ORDER BY code LIMIT 3",
    )
    .all() as Array<{ code: string; name: string }>;
  [v1, v2, v3] = villages as [typeof v1, typeof v2, typeof v3];
  await seedRegistry();
  eventId = await planEvent(
    station,
    kijangUluPlan({
      name: 'Jelades Semedi Tanjung Lubuk',
      villageCodes: [v1.code, v2.code],
      days: ['2026-12-01', '2026-12-10'],
    }),
  );
});
afterAll(() => station.dispose());

const list = async (rules: InvitationList['groups'][number]['entries'][number]['reasons'] = []) =>
  valueOf(await as(station, SRI).send('outreach-invitations-list', { eventId, rules }));
const shape = (l: InvitationList) =>
  l.groups.map((g) => [
    `${g.villageName} RW ${g.rw} RT ${g.rt}`,
    g.entries.map((e) => `${e.name}: ${e.reasons.join('+')}`),
  ]);

describe('invitation list', () => {
  it('counts ages in full years on a day', () => {
    expect(ageOn('2010-12-05', '2026-12-10')).toBe(16);
    expect(ageOn('2009-12-11', '2026-12-10')).toBe(16);
    expect(ageOn('2009-12-10', '2026-12-10')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  it('finds who needs what, by rule, grouped per RT', async () => {
    const all = await list();
    expect(all.asOf).toBe('2026-12-10');
    const [first, second] = [v1, v2].sort((a, b) => a.name.localeCompare(b.name, 'id'));
    const byVillage = {
      [v1.name]: [
        [
          `${v1.name} RW 002 RT 001`,
          [
            'ANDI PRATAMA: turning-17',
            'BUNGA LESTARI: turning-17',
            'CITRA DEWI: open-application',
            'FAJAR NUGROHO: married-no-kk-update',
          ],
        ],
        [
          `${v1.name} RW 002 RT 003`,
          ['@ZAINAL: child-no-kia', 'GITA PERMATA: married-no-kk-update'],
        ],
      ],
      [v2.name]: [
        [
          `${v2.name} RW 001 RT 001`,
          [
            'JOKO KECIL: child-no-kia',
            'KIKI AMELIA: open-application',
            'LINA MARLINA: open-application',
            'PUTRI AYU: child-no-kia',
          ],
        ],
      ],
    };
    expect(shape(all)).toEqual([
      ...(byVillage[first?.name ?? ''] ?? []),
      ...(byVillage[second?.name ?? ''] ?? []),
    ]);
    expect(all.counts).toEqual({
      'turning-17': 2,
      'married-no-kk-update': 2,
      'child-no-kia': 3,
      'open-application': 3,
    });
    expect(all.total).toBe(10);
    const andi = all.groups.flatMap((g) => g.entries).find((e) => e.name === 'ANDI PRATAMA');
    expect(andi).toEqual({
      nikMasked: maskNik(P.andi.nik),
      name: 'ANDI PRATAMA',
      sex: 'L',
      age: 16,
      villageCode: v1.code,
      rt: '001',
      rw: '002',
      address: 'Jl. Lintas Timur No. 1',
      reasons: ['turning-17'],
    });
    expect(JSON.stringify(all)).not.toContain(P.andi.nik);

    const children = await list(['child-no-kia']);
    expect(shape(children).flatMap(([, entries]) => entries)).toEqual(
      expect.arrayContaining([
        '@ZAINAL: child-no-kia',
        'JOKO KECIL: child-no-kia',
        'PUTRI AYU: child-no-kia',
      ]),
    );
    expect(children.total).toBe(3);
    expect(
      station.deps.sqlite
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'outreach.invitations-list'")
        .pluck()
        .get(),
    ).toBe(2);
    expect(
      await as(station, SRI).send('outreach-invitations-list', {
        eventId,
        rules: ['semua' as 'turning-17'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(
      await as(station, SRI).send('outreach-invitations-list', { eventId: 'x', rules: [] }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('exports a CSV with BOM, masked NIKs and inert formulas', async () => {
    const csv = valueOf(
      await as(station, SRI).send('outreach-invitations-export', {
        eventId,
        rules: [],
        format: 'csv',
      }),
    );
    expect(csv.fileName).toBe('undangan-jelades-semedi-tanjung-lubuk-2026-12-10.csv');
    expect(csv.mimeType).toBe('text/csv;charset=utf-8');
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      '"No","Desa/Kelurahan","RW","RT","Nama","NIK (disamarkan)","L/P","Umur","Alamat","Keperluan"',
    );
    expect(lines).toHaveLength(1 + 10 + 1);
    expect(text).toContain(
      `"${v1.name}","002","003","'@ZAINAL","${maskNik(P.zainal.nik)}","L","7","'=HYPERLINK(""http://x"")","Buat KIA anak"`,
    );
    expect(text).toContain(`"'+62 Dusun II"`);
    expect(text).toContain('"Rekam KTP-el (usia 16/17)"');
    for (const p of Object.values(P)) expect(text).not.toContain(p.nik);
    expect(csvCell('-1+2')).toBe(`"'-1+2"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell(42)).toBe('"42"');
  });

  it('prints the call list as A4 pages, one page group per RT', async () => {
    printWithChromium(station);
    const pdf = valueOf(
      await as(station, RINA).send('outreach-invitations-export', {
        eventId,
        rules: [],
        format: 'pdf',
      }),
    );
    expect(pdf).toMatchObject({
      fileName: 'undangan-jelades-semedi-tanjung-lubuk-2026-12-10.pdf',
      mimeType: 'application/pdf',
    });
    const file = pdfFile(pdf.base64);
    const page = pdfPage(file);
    expect([Math.round(page.widthPt), Math.round(page.heightPt)]).toEqual([595, 842]);
    expect(page.pages).toBe(3);
    const text = pdfText(file);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(3);
    for (const p of pages) {
      expect(p).toContain('DAFTAR UNDANGAN PELAYANAN JEMPUT BOLA');
      expect(p).toContain('Jelades Semedi — Jelades Semedi Tanjung Lubuk');
      expect(p).toContain('NIK disamarkan');
      expect(p).toMatch(/Halaman \d dari 3/);
    }
    const rt1 = pages.find((p) => p.includes('RT 001 / RW 002')) ?? '';
    expect(rt1).toContain('ANDI PRATAMA');
    expect(rt1).toContain(maskNik(P.andi.nik));
    expect(rt1).toContain('Rekam KTP-el (usia 16/17)');
    expect(rt1).toContain('Jumlah: 4 orang');
    expect(rt1).not.toContain('JOKO KECIL');
    const rt3 = pages.find((p) => p.includes('RT 003 / RW 002')) ?? '';
    expect(rt3).toContain('=HYPERLINK("http://x")');
    expect(rt3).toContain('Perbarui KK (sudah kawin)');
    for (const p of Object.values(P)) expect(text).not.toContain(p.nik);
    expect(
      station.deps.sqlite
        .prepare(
          "SELECT detail FROM audit_log WHERE action = 'outreach.invitations-export' ORDER BY seq",
        )
        .pluck()
        .all(),
    ).toEqual([
      JSON.stringify({ eventId, rules: [], format: 'csv', total: 10 }),
      JSON.stringify({ eventId, rules: [], format: 'pdf', total: 10 }),
    ]);
    // A list with nobody on it is still a page that says so.
    const other = await planEvent(
      station,
      kijangUluPlan({ name: 'Desa ketiga', villageCodes: [v3.code], days: ['2026-12-01'] }),
    );
    const none = valueOf(
      await as(station, SRI).send('outreach-invitations-export', {
        eventId: other,
        rules: ['turning-17'],
        format: 'pdf',
      }),
    );
    const empty = pdfText(pdfFile(none.base64));
    expect(empty).toContain('Tidak ada warga yang perlu diundang menurut aturan yang dipilih.');
    expect(empty).not.toContain('NINA');
  });
});
