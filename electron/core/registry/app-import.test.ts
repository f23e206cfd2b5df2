import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../contract';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { writeSyntheticExtract } from '../demo/extract';
import { DEMO_RESIDENTS } from '../demo/seed';
import { createTestStation, type TestStation } from '../../testing/station';
import { EXTRACT_COLUMNS, csvLine } from './extract-layout';

const supervisor = { role: 'supervisor', userName: 'spv', mode: 'officer' } as const;
const operator = { role: 'operator', userName: 'opr', mode: 'officer' } as const;
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;

let station: TestStation;
let connections = 0;
/** Progress pushes seen per import id, and who waits for the next one. */
const pushes = new Map<string, number>();
const waiting = new Set<() => void>();
const connect = (session: typeof supervisor | typeof operator | typeof kiosk): Client => {
  const client = memoryPair(station.dispatcher, `c${connections++}`, session);
  client.listen('progress', (p) => {
    pushes.set(p.taskId, (pushes.get(p.taskId) ?? 0) + 1);
    for (const wake of [...waiting]) wake();
  });
  return client;
};

/** Resolves once the import has had more than `seen` progress pushes. */
function pushAfter(importId: string, seen: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      if ((pushes.get(importId) ?? 0) <= seen) return;
      waiting.delete(wake);
      resolve();
    };
    waiting.add(wake);
    wake();
  });
}

beforeEach(async () => {
  pushes.clear();
  waiting.clear();
  station = await createTestStation();
});
afterEach(() => station.dispose());

const count = (table: string) =>
  station.deps.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Uploads a file in chunks of `chunk` bytes; returns the import id. */
async function upload(client: Client, file: string, chunk = 64 * 1024): Promise<string> {
  const bytes = readFileSync(file);
  const begun = await client.send('registry-import-begin', {
    fileName: 'C:\\Users\\dinas\\ekstrak.csv',
    sizeBytes: bytes.length,
  });
  if (!begun.ok) throw new Error(begun.error.code);
  const { importId } = begun.value;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const part = bytes.subarray(offset, offset + chunk);
    const sent = await client.send('registry-import-chunk', {
      importId,
      offset,
      dataBase64: part.toString('base64'),
    });
    if (!sent.ok) throw new Error(sent.error.code);
  }
  return importId;
}

/**
 * The import's summary once it has ended. The handler audits the end and then pushes a last
 * progress to the starting connection: look again after each push, never after a fixed delay
 * (a slow machine only takes longer).
 */
async function waitFor(client: Client, importId: string): Promise<ImportSummary> {
  for (;;) {
    const seen = pushes.get(importId) ?? 0;
    const isAudited =
      count(`audit_log WHERE action = 'registry.import-finished' AND detail LIKE '%${importId}%'`) >
      0;
    const list = await client.send('registry-import-list', { limit: 10 });
    const found = list.ok ? list.value.find((s) => s.importId === importId) : undefined;
    if (isAudited && found) return found;
    await pushAfter(importId, seen);
  }
}

describe('registry-import handlers', () => {
  it('uploads into encrypted owner-only staging, imports in the background, and cleans up', async () => {
    const file = join(station.dataDir, 'extract.csv');
    const written = await writeSyntheticExtract(file, {
      residents: 1500,
      seed: 77,
      villageCodes: ['1602122001'],
    });
    const client = connect(supervisor);
    const progress: number[] = [];
    client.listen('progress', (p) => progress.push(p.done));
    const importId = await upload(client, file);

    const staged = join(station.dataDir, 'imports', `${importId}.csv.enc`);
    const stagedBytes = readFileSync(staged);
    const firstNik = readFileSync(file, 'utf8').split('\r\n')[1]?.split(',')[1] as string;
    expect(stagedBytes.includes(Buffer.from(firstNik))).toBe(false);
    expect(stagedBytes.includes(Buffer.from('NAMA_LGKP'))).toBe(false);
    expect(statSync(staged).mode & 0o777).toBe(0o600);
    expect(statSync(join(station.dataDir, 'imports')).mode & 0o777).toBe(0o700);

    const started = await client.send('registry-import-start', { importId });
    expect(started).toMatchObject({
      ok: true,
      value: { status: 'running', fileName: 'ekstrak.csv' },
    });
    const summary = await waitFor(client, importId);
    expect(summary).toMatchObject({
      status: 'done',
      rowsRead: written.residents,
      rowsAccepted: written.residents,
      rowsChanged: written.residents,
      startedBy: 'spv',
    });
    expect(progress.at(-1)).toBe(readFileSync(file).length);
    expect(existsSync(staged)).toBe(false);
    expect(readdirSync(join(station.dataDir, 'imports'))).toEqual([]);

    const audit = station.deps.sqlite
      .prepare(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'registry.import%' ORDER BY seq",
      )
      .all() as Array<{ action: string; detail: string }>;
    expect(audit.map((a) => a.action)).toEqual([
      'registry.import-started',
      'registry.import-finished',
    ]);
    expect(audit.some((a) => a.detail.includes(firstNik))).toBe(false);
    expect(JSON.parse(audit[1]?.detail ?? '{}')).toMatchObject({
      status: 'done',
      rowsAccepted: written.residents,
    });
  });

  it('validates chunks: offset, size, state', async () => {
    const client = connect(supervisor);
    const begun = await client.send('registry-import-begin', { fileName: 'a.csv', sizeBytes: 10 });
    if (!begun.ok) throw new Error('begin');
    const { importId } = begun.value;
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    // The test clock restarts with the station: move its id sequence past the first run's ids.
    for (let i = 0; i < 100; i += 1) station.ports.ids.uuid();
    expect(await client.send('registry-import-start', { importId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await client.send('registry-import-chunk', { importId, offset: 3, dataBase64: b64('abc') }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await client.send('registry-import-chunk', {
        importId,
        offset: 0,
        dataBase64: b64('abcdefghijk'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(
      await client.send('registry-import-chunk', { importId, offset: 0, dataBase64: b64('abcd') }),
    ).toEqual({ ok: true, value: { receivedBytes: 4 } });
    expect(
      await client.send('registry-import-begin', { fileName: 'big.csv', sizeBytes: 3 * 1024 ** 3 }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    const tooBig = Buffer.alloc(1024 * 1024 + 3).toString('base64');
    expect(
      await client.send('registry-import-chunk', { importId, offset: 4, dataBase64: tooBig }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(await client.send('registry-import-cancel', { importId })).toMatchObject({
      ok: true,
      value: { status: 'cancelled' },
    });
    expect(existsSync(join(station.dataDir, 'imports', `${importId}.csv.enc`))).toBe(false);
    expect(
      await client.send('registry-import-rejects', { importId: 'nope', offset: 0, limit: 10 }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses kiosk and operator connections', async () => {
    for (const session of [kiosk, operator]) {
      const client = connect(session);
      expect(
        await client.send('registry-import-begin', { fileName: 'a.csv', sizeBytes: 10 }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await client.send('registry-import-list', { limit: 5 })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('lists rejects with reasons', async () => {
    const names = EXTRACT_COLUMNS.map((c) => c.name);
    const file = join(station.dataDir, 'bad.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, csvLine(names) + csvLine(names.map(() => 'x')) + csvLine(['1', '2']));
    const client = connect(supervisor);
    const importId = await upload(client, file);
    await client.send('registry-import-start', { importId });
    expect(await waitFor(client, importId)).toMatchObject({ status: 'done', rowsRejected: 2 });
    const rejects = await client.send('registry-import-rejects', { importId, offset: 0, limit: 1 });
    expect(rejects).toMatchObject({
      ok: true,
      value: { total: 2, items: [{ line: 2, nik: 'x', code: 'KK_DIGITS' }] },
    });
  });

  it('cancels a running import and rolls it back', async () => {
    const file = join(station.dataDir, 'big.csv');
    await writeSyntheticExtract(file, {
      residents: 20_000,
      seed: 78,
      villageCodes: ['1602122001'],
    });
    const before = count('residents');
    const client = connect(supervisor);
    const importId = await upload(client, file, 1024 * 1024);
    // Cancel once the import announces it is under way (its first progress push).
    const started = pushAfter(importId, 0);
    await client.send('registry-import-start', { importId });
    await started;
    const cancelled = await client.send('registry-import-cancel', { importId });
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(count('residents')).toBe(before);
    expect(count("family_memberships WHERE reason LIKE 'import:%'")).toBe(0);
    expect(existsSync(join(station.dataDir, 'imports', `${importId}.csv.enc`))).toBe(false);
    expect(await client.send('registry-import-cancel', { importId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('finds an import cut off by a crash interrupted at the next start, and resumes it', async () => {
    const file = join(station.dataDir, 'resume.csv');
    const written = await writeSyntheticExtract(file, {
      residents: 800,
      seed: 79,
      villageCodes: ['1602122001'],
    });
    const importId = await upload(connect(supervisor), file);
    // What a kill -9 mid-import leaves: status running, no process behind it.
    station.deps.sqlite
      .prepare("UPDATE registry_imports SET status = 'running' WHERE id = ?")
      .run(importId);
    const dataDir = station.dataDir;
    await station.close();
    station = await createTestStation({}, dataDir);
    const client = connect(supervisor);
    const list = await client.send('registry-import-list', { limit: 5 });
    expect(list.ok && list.value[0]).toMatchObject({ importId, status: 'interrupted' });
    expect(list.ok && list.value[0]?.message).toContain('Lanjutkan');
    // The test clock restarts with the station: move its id sequence past the first run's ids.
    for (let i = 0; i < 100; i += 1) station.ports.ids.uuid();
    expect(await client.send('registry-import-start', { importId })).toMatchObject({
      ok: true,
      value: { status: 'running' },
    });
    expect(await waitFor(client, importId)).toMatchObject({
      status: 'done',
      rowsAccepted: written.residents,
    });
  });
});

describe('registry-nik-override', () => {
  const nik = '1602055512030001';
  const reason = 'Akta kelahiran menunjukkan tanggal yang dikoreksi';

  it('audits an accepted warning with the NIK only as a keyed hash', async () => {
    const client = connect(operator);
    const result = await client.send('registry-nik-override', {
      nik,
      warningCodes: ['NIK_BIRTHDATE_MISMATCH'],
      reason,
    });
    expect(result.ok).toBe(true);
    const row = station.deps.sqlite
      .prepare("SELECT * FROM audit_log WHERE action = 'registry.nik-override'")
      .get() as { id: string; subject_hash: string; detail: string; actor: string };
    expect(result.ok && result.value.auditId).toBe(row.id);
    expect(row.subject_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.detail).not.toContain(nik);
    expect(JSON.parse(row.detail)).toEqual({ warningCodes: ['NIK_BIRTHDATE_MISMATCH'], reason });
    expect(row.actor).toBe('opr');
  });

  it('never overrides errors, and needs a reason and an officer', async () => {
    const client = connect(operator);
    expect(
      await client.send('registry-nik-override', {
        nik: '1602050000030001',
        warningCodes: ['NIK_DAY'],
        reason,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_OVERRIDABLE' } });
    expect(
      await client.send('registry-nik-override', { nik, warningCodes: ['NIK_LENGTH'], reason }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_OVERRIDABLE' } });
    expect(
      await client.send('registry-nik-override', { nik, warningCodes: ['HEAD_DUPLICATE'], reason }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_OVERRIDABLE' } });
    expect(
      await client.send('registry-nik-override', {
        nik,
        warningCodes: ['NIK_SEX_MISMATCH'],
        reason: '  ok  ',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(
      await connect(kiosk).send('registry-nik-override', {
        nik,
        warningCodes: ['NIK_SEX_MISMATCH'],
        reason,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audited = station.deps.sqlite
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'registry.nik-override'")
      .pluck()
      .get();
    expect(audited).toBe(0);
  });
});

describe('demo seeding', () => {
  it('gives a training station residents in its village and kecamatan, once', async () => {
    const residents = count('residents');
    expect(residents).toBeGreaterThanOrEqual(DEMO_RESIDENTS);
    expect(residents).toBeLessThan(4000);
    expect(count("residents WHERE village_code = '1602052011'")).toBeGreaterThan(residents / 3);
    expect(count("residents WHERE village_code NOT LIKE '160205%'")).toBe(0);
    expect(count("residents WHERE source <> 'demo'")).toBe(0);
    expect(count("residents WHERE name LIKE 'MOEHAMMAD %'")).toBeGreaterThan(0);
    expect(count('family_memberships')).toBe(residents);
    const dataDir = station.dataDir;
    await station.close();
    const started = performance.now();
    station = await createTestStation({}, dataDir);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(count('residents')).toBe(residents);
  });

  it('leaves a real station empty', async () => {
    const real = await createTestStation({ demo: false });
    try {
      expect(real.deps.sqlite.prepare('SELECT count(*) FROM residents').pluck().get()).toBe(0);
    } finally {
      await real.dispose();
    }
  });
});
