import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../contract';
import { hashSubject, listAudit } from '../../../db/queries/audit';
import { createTestDb, type TestDb } from '../../testing/db';
import { Dispatcher } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import { fixedClock } from '../system-ports';
import { sequentialIds } from '../uuid';
import { registerRegistrySearch } from './app-search';
import { fixtureWriter } from '../../testing/search';

const resourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url));
const auditKey = Buffer.alloc(32, 3);

const KK = '1602050101200001';
const HEAD = {
  nik: '1602050403800001',
  name: 'MUHAMMAD RIZKI SAPUTRA',
  sex: 1,
  birthDate: '1980-03-04',
} as const;
const WIFE = {
  nik: '1602054605830002',
  name: 'SITI AMINAH',
  sex: 2,
  birthDate: '1983-05-06',
} as const;

let t: TestDb;
let dispatcher: Dispatcher;
let ids: number[];

beforeEach(async () => {
  t = await createTestDb();
  ids = fixtureWriter(t.sqlite).write([
    {
      kk: KK,
      villageCode: '1602051001',
      members: [
        { ...HEAD, relationship: 1, disability: 2 },
        { ...WIFE, relationship: 3 },
      ],
    },
  ]);
  dispatcher = new Dispatcher((error) => {
    throw error;
  });
  const clock = fixedClock('2026-11-29T02:00:00Z');
  registerRegistrySearch(dispatcher, {
    db: t.db,
    sqlite: t.sqlite,
    ports: { clock, ids: sequentialIds(clock), paths: { dataDir: t.dir, resourcesDir } },
    auditKey,
  });
});
afterEach(() => t.dispose());

let nextConnection = 0;
const as = (role: Role) =>
  memoryPair(dispatcher, `c${nextConnection++}`, {
    role,
    userName: role === 'kiosk' ? null : `petugas-${role}`,
    mode: role === 'kiosk' ? 'kiosk' : 'officer',
  });

const audits = async () =>
  (await listAudit(t.db, { limit: 100 })).map((a) => ({
    ...a,
    detail: JSON.parse(a.detail) as unknown,
  }));

describe('registry-search', () => {
  it('searches for officers, refuses the kiosk, and is not audited', async () => {
    const result = await as('operator').send('registry-search', { query: 'siti aminah', limit: 5 });
    expect(result).toMatchObject({
      ok: true,
      value: { items: [{ name: 'SITI AMINAH', nikMasked: '160205********02' }] },
    });
    expect(await as('kiosk').send('registry-search', { query: 'siti', limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await audits()).toEqual([]);
  });

  it.each([
    [{ query: '12345', limit: 5 }, ['query']],
    [{ query: 'siti 1602', limit: 5 }, ['query']],
    [{ query: 'x'.repeat(300), limit: 5 }, ['query']],
    [{ query: 'siti', limit: 0 }, ['limit']],
    [{ query: 'siti', limit: 500 }, ['limit']],
    [{ query: 'siti', limit: 5, villageCode: '16020510' }, ['villageCode']],
    [{ query: 'siti', limit: 5, districtCode: '16.02.05' }, ['districtCode']],
    [
      { query: 'siti', limit: 5, villageCode: '1602051001', districtCode: '160202' },
      ['villageCode'],
    ],
    [{ query: 'siti', limit: 5, birthYearFrom: 1990, birthYearTo: 1980 }, ['birthYearTo']],
    [{ query: 'siti', limit: 5, sex: 3 }, ['sex']],
    [{ query: 'siti', limit: 5, extra: true }, ['(root)']],
  ])('refuses %j with INVALID_ARGS', async (args, fields) => {
    const result = await as('operator').send('registry-search', args as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', fields } });
  });
});

describe('registry-resident-get', () => {
  it('returns the full record, audited with the NIK only as a keyed hash', async () => {
    const found = await as('operator').send('registry-search', { query: HEAD.nik, limit: 1 });
    const ref = found.ok ? found.value.items[0]?.ref : undefined;
    expect(ref).toBe(`r${ids[0]}`);
    const result = await as('operator').send('registry-resident-get', { ref: ref! });
    expect(result).toMatchObject({
      ok: true,
      value: {
        nik: HEAD.nik,
        kkNumber: KK,
        name: HEAD.name,
        sexLabel: 'LAKI-LAKI',
        age: 46,
        relationship: { code: 1, label: 'KEPALA KELUARGA' },
        maritalLabel: 'KAWIN TERCATAT',
        disability: null,
        address: { rt: '001', rw: '002', villageCode: '1602051001' },
        nikWarnings: [],
      },
    });
    const [entry] = await audits();
    expect(entry).toMatchObject({
      action: 'registry.resident-viewed',
      actor: 'petugas-operator',
      role: 'operator',
      subject_hash: hashSubject(auditKey, HEAD.nik),
      detail: { ref, mayReadProtected: false },
    });
    expect(JSON.stringify(entry)).not.toContain(HEAD.nik);
    expect(JSON.stringify(entry)).not.toContain('MUHAMMAD');
  });

  it('shows disability (protected) to supervisors only', async () => {
    const ref = `r${ids[0]}`;
    expect(await as('supervisor').send('registry-resident-get', { ref })).toMatchObject({
      ok: true,
      value: { disability: { code: 2, label: 'CACAT NETRA/BUTA' } },
    });
    expect((await audits())[0]).toMatchObject({
      role: 'supervisor',
      detail: { mayReadProtected: true },
    });
  });

  it('refuses the kiosk, bad refs and unknown residents, without an audit entry', async () => {
    expect(await as('kiosk').send('registry-resident-get', { ref: `r${ids[0]}` })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const ref of ['1', 'r0', 'r-1', 'x12', `r${'9'.repeat(30)}`]) {
      expect(await as('operator').send('registry-resident-get', { ref })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS', fields: ['ref'] },
      });
    }
    expect(await as('operator').send('registry-resident-get', { ref: 'r999' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await audits()).toEqual([]);
  });
});

describe('registry-family-get', () => {
  it('returns the card by KK number or a member ref, audited for every member', async () => {
    const byKk = await as('operator').send('registry-family-get', { kkNumber: KK });
    expect(byKk).toMatchObject({
      ok: true,
      value: {
        kkNumber: KK,
        headName: HEAD.name,
        members: [
          { no: 1, name: HEAD.name, nik: HEAD.nik, relationship: 'KEPALA KELUARGA' },
          { no: 2, name: WIFE.name, nik: WIFE.nik, relationship: 'ISTRI' },
        ],
        findings: [],
      },
    });
    expect(byKk.ok && byKk.value.history.map((h) => [h.nik, h.kkNumber, h.until])).toEqual(
      expect.arrayContaining([
        [HEAD.nik, KK, null],
        [WIFE.nik, KK, null],
      ]),
    );
    const byRef = await as('operator').send('registry-family-get', { ref: `r${ids[1]}` });
    expect(byRef.ok && byRef.value).toEqual(byKk.ok && byKk.value);
    const entries = await audits();
    expect(entries.map((e) => e.action)).toEqual([
      'registry.family-viewed',
      'registry.family-viewed',
    ]);
    expect(entries[0]).toMatchObject({
      subject_hash: hashSubject(auditKey, HEAD.nik),
      detail: {
        members: 2,
        memberSubjects: [hashSubject(auditKey, HEAD.nik), hashSubject(auditKey, WIFE.nik)],
      },
    });
    expect(JSON.stringify(entries)).not.toContain(KK);
  });

  it('needs exactly one of kkNumber and ref, and says NOT_FOUND for an unknown KK', async () => {
    const client = as('operator');
    for (const args of [{}, { kkNumber: KK, ref: `r${ids[0]}` }, { kkNumber: '1602' }]) {
      expect(await client.send('registry-family-get', args)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS' },
      });
    }
    expect(
      await client.send('registry-family-get', { kkNumber: '1602050101209999' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await as('kiosk').send('registry-family-get', { kkNumber: KK })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await audits()).toEqual([]);
  });
});
