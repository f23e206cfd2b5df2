import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationSubmitArgs, Handlers } from '../../contract';
import { ChromiumPrinter } from '../../server/printer.chromium';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { statusLinkFor } from '../kiosk/qr';
import { createTestStation, type TestStation } from '../../testing/station';
import { consentTextHash, loadConsent } from './consent';
import { unitCode } from './number';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
const NIK = '1602054107900001';
const KK = '1602051234567890';

let station: TestStation;
let client: Client;
let connections = 0;

beforeEach(async () => {
  station = await createTestStation();
  client = memoryPair(station.dispatcher, `app-${connections++}`, kiosk);
});
afterEach(() => station.dispose());

const count = (table: string) =>
  station.deps.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const TABLES = [
  'applications',
  'application_photos',
  'application_consents',
  'application_status_history',
  'outbox',
  'audit_log',
  'sequences',
];
const counts = () => Object.fromEntries(TABLES.map((t) => [t, count(t)]));

function jpeg(size: number, fill = 1): string {
  const bytes = Buffer.alloc(size, fill);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes.toString('base64');
}

function args(over: Partial<ApplicationSubmitArgs> = {}): ApplicationSubmitArgs {
  const consent = loadConsent(station.ports.paths.resourcesDir);
  return {
    serviceCode: 'ktp-el-hilang',
    fields: { 'pemohon-nik': NIK, 'pemohon-no-kk': KK, 'pemohon-telepon': '081234567890' },
    photos: [
      {
        requirementCode: 'kk',
        dataBase64: jpeg(2000),
        width: 1200,
        height: 900,
        takenAt: '2026-11-29T01:59:00.000Z',
      },
    ],
    consent: { isAccepted: true, version: consent.version, language: 'id' },
    ...over,
  };
}

async function submit(over: Partial<ApplicationSubmitArgs> = {}) {
  return client.send('applications-submit', args(over));
}

async function submitted(): Promise<Handlers['applications-submit']['result']> {
  const result = await submit();
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const advance = (ms: number) =>
  (station.ports.clock as unknown as { advance(ms: number): void }).advance(ms);

describe('applications-submit', () => {
  it('stores the application, photo, consent, status, audit and outbox together', async () => {
    const before = counts();
    const value = await submitted();
    const code = unitCode(station.deps.unit);
    expect(value.number).toBe(`OKI-${code}-20261129-0001`);
    expect(value.number).toMatch(/^OKI-[0-9]{6}[0-9A-Z]{3}-[0-9]{8}-[0-9]{4}$/);
    expect(value.statusLink).toMatch(/^LAKONMANDIRA:STATUS\/OKI-/);
    expect(value.receipt.maskedNik).toBe('160205********01');
    expect(value.receipt.handedIn.map((t) => t.id)).toContain('Kartu Keluarga (KK)');
    expect(value.receipt.missing.length).toBeGreaterThan(0);
    const after = counts();
    for (const table of TABLES.slice(0, 5)) expect(after[table], table).toBe(before[table]! + 1);
    expect(after['audit_log']).toBe(before['audit_log']! + 1);

    const app = station.deps.sqlite.prepare('SELECT * FROM applications').get() as Record<
      string,
      unknown
    >;
    expect(app).toMatchObject({ status: 'diajukan', applicant_nik: NIK, channel: 'kiosk' });
    const consent = station.deps.sqlite.prepare('SELECT * FROM application_consents').get();
    const shown = loadConsent(station.ports.paths.resourcesDir);
    expect(consent).toMatchObject({
      version: shown.version,
      language: 'id',
      text_sha256: consentTextHash(shown, 'id'),
    });
    const outbox = station.deps.sqlite
      .prepare("SELECT payload FROM outbox WHERE aggregate = 'application'")
      .pluck()
      .get() as string;
    const payload = JSON.parse(outbox) as { photos: { sha256: string }[] };
    expect(payload.photos[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(outbox).not.toContain(args().photos[0]!.dataBase64.slice(0, 40));
    const audit = station.deps.sqlite
      .prepare(
        "SELECT subject_hash, detail FROM audit_log WHERE action = 'kiosk.application-submitted'",
      )
      .get() as { subject_hash: string; detail: string };
    expect(audit.subject_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.detail).not.toContain(NIK);
  });

  it('stores nothing, not even a sequence number, when the outbox insert fails', async () => {
    const before = counts();
    station.deps.sqlite.exec(`CREATE TEMP TRIGGER outbox_down BEFORE INSERT ON outbox
      BEGIN SELECT RAISE(ABORT, 'outbox down'); END`);
    const result = await submit();
    expect(result.ok).toBe(false);
    expect(result.ok || result.error.code).toBe('INTERNAL');
    expect(counts()).toEqual(before);
    station.deps.sqlite.exec('DROP TRIGGER outbox_down');
    expect((await submitted()).number).toMatch(/-0001$/);
  });

  it('refuses an invalid NIK with INVALID_NIK and the field path, storing nothing', async () => {
    const before = counts();
    const result = await submit({
      fields: { 'pemohon-nik': '1602059907900001', 'pemohon-no-kk': KK },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'INVALID_ARGS',
      reason: 'INVALID_NIK',
      fields: ['fields.pemohon-nik'],
    });
    expect(counts()).toEqual(before);
  });

  it.each([
    [{ fields: { 'pemohon-nik': NIK } }, 'INVALID_ARGS', 'FIELD_REQUIRED', 'fields.pemohon-no-kk'],
    [
      { fields: { 'pemohon-nik': NIK, 'pemohon-no-kk': '12345' } },
      'INVALID_ARGS',
      'INVALID_KK',
      'fields.pemohon-no-kk',
    ],
    [
      { fields: { 'pemohon-nik': NIK, 'pemohon-no-kk': KK, 'anak-nik': NIK } },
      'INVALID_ARGS',
      'UNKNOWN_FIELD',
      'fields.anak-nik',
    ],
    [{ serviceCode: 'paspor' }, 'NOT_FOUND', 'UNKNOWN_SERVICE', 'serviceCode'],
    [
      { consent: { isAccepted: true, version: '2020-01-01.1', language: 'id' } },
      'INVALID_ARGS',
      'CONSENT_VERSION',
      'consent.version',
    ],
  ] as const)('refuses %j with %s/%s', async (over, code, reason, field) => {
    const before = counts();
    const result = await submit(over as Partial<ApplicationSubmitArgs>);
    expect(result.ok || result.error).toMatchObject({ code, reason, fields: [field] });
    expect(counts()).toEqual(before);
  });

  it('checks a select answer against its code list, storing nothing for a wrong code', async () => {
    const addMember = (shdk: string) =>
      submit({
        serviceCode: 'kk-tambah-anggota',
        fields: {
          'pemohon-nik': NIK,
          'pemohon-no-kk': KK,
          'subjek-nama': 'PUTRI AMINAH',
          'anggota-shdk': shdk,
        },
        photos: [],
      });
    const before = counts();
    for (const wrong of ['99', '0', 'ANAK', '04']) {
      const result = await addMember(wrong);
      expect(result.ok || result.error, wrong).toMatchObject({
        code: 'INVALID_ARGS',
        reason: 'INVALID_OPTION',
        fields: ['fields.anggota-shdk'],
      });
    }
    expect(counts()).toEqual(before);
    expect((await addMember('4')).ok).toBe(true);
  });

  it('refuses consent that was not accepted', async () => {
    const bad = { ...args(), consent: { isAccepted: false, version: 'x', language: 'id' } };
    const result = await client.send('applications-submit', bad as never);
    expect(result.ok || result.error.code).toBe('INVALID_ARGS');
  });

  it.each([
    ['PHOTO_TOO_LARGE', jpeg(300 * 1024 + 1)],
    ['NOT_JPEG', Buffer.from('%PDF-1.4 not a photo').toString('base64')],
    ['NOT_BASE64', 'not base64!'],
  ])('refuses a photo with %s', async (reason, dataBase64) => {
    const before = counts();
    const photo = { ...args().photos[0]!, dataBase64 };
    const result = await submit({ photos: [photo] });
    expect(result.ok || result.error).toMatchObject({ reason, fields: ['photos.0'] });
    expect(counts()).toEqual(before);
  });

  it('accepts a photo of exactly 300 KB and refuses more than 12 photos', async () => {
    const photo = { ...args().photos[0]!, dataBase64: jpeg(300 * 1024) };
    expect((await submit({ photos: [photo] })).ok).toBe(true);
    const many = Array.from({ length: 13 }, (_, i) => ({ ...photo, dataBase64: jpeg(100, i) }));
    const result = await submit({ photos: many });
    expect(result.ok || result.error.reason).toBe('TOO_MANY_PHOTOS');
  });

  it('numbers per Jakarta day and restarts the sequence after Jakarta midnight', async () => {
    // The test clock starts at 2026-11-29 09:00 WIB (02:00Z).
    expect((await submitted()).number).toMatch(/-20261129-0001$/);
    advance(14 * 3600_000 + 59 * 60_000); // 23:59 WIB
    expect((await submitted()).number).toMatch(/-20261129-0002$/);
    advance(60_000); // 00:00 WIB on the 30th, still the 29th in UTC
    expect((await submitted()).number).toMatch(/-20261130-0001$/);
    expect((await submitted()).number).toMatch(/-20261130-0002$/);
  });
});

describe('applications-status-check', () => {
  it('shows the timeline by scanned link and by typed number and check', async () => {
    const value = await submitted();
    const byLink = await client.send('applications-status-check', {
      link: value.statusLink.toLowerCase(),
    });
    expect(byLink.ok).toBe(true);
    if (!byLink.ok) return;
    expect(byLink.value).toMatchObject({
      number: value.number,
      status: 'diajukan',
      statusLabel: { id: 'Diajukan', en: 'Submitted' },
      maskedNik: '160205********01',
      service: { id: expect.any(String) as string },
    });
    expect(byLink.value.timeline).toEqual([
      {
        status: 'diajukan',
        at: '2026-11-29T02:00:00.000Z',
        label: { id: 'Diajukan', en: 'Submitted' },
      },
    ]);
    expect(JSON.stringify(byLink.value)).not.toContain(NIK);
    expect(JSON.stringify(byLink.value)).not.toContain(KK);

    const typed = await client.send('applications-status-check', {
      number: value.number.toLowerCase(),
      check: value.check.toLowerCase(),
    });
    expect(typed).toEqual(byLink);
  });

  it('refuses a wrong check, a foreign link and reports an unknown number', async () => {
    const value = await submitted();
    const wrong = await client.send('applications-status-check', {
      number: value.number,
      check: 'AAAA-AAAA',
    });
    expect(wrong.ok || wrong.error).toMatchObject({ code: 'INVALID_ARGS', reason: 'BAD_CHECK' });
    const foreign = statusLinkFor(value.number, Buffer.alloc(32, 9));
    const forged = await client.send('applications-status-check', { link: foreign });
    expect(forged.ok || forged.error.reason).toBe('BAD_CHECK');
    const other = await client.send('applications-status-check', { link: 'https://example.com' });
    expect(other.ok || other.error.reason).toBe('NOT_A_STATUS_LINK');
    // A well-formed number with its valid check that this station never issued.
    const key = station.ports.keyStore.loadOrCreate('status-check');
    const unknown = statusLinkFor(value.number.replace(/-0001$/, '-0999'), key);
    const missing = await client.send('applications-status-check', { link: unknown });
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
  });
});

describe('applications-receipt-print', () => {
  it('returns a PDF (station server) whose text carries the number', async () => {
    station.ports.printer = new ChromiumPrinter(chromium);
    const value = await submitted();
    const printed = await client.send('applications-receipt-print', {
      number: value.number,
      check: value.check,
    });
    expect(printed.ok).toBe(true);
    if (!printed.ok) return;
    expect(printed.value.pdfBase64).not.toBeNull();
    const file = join(mkdtempSync(join(tmpdir(), 'lm-app-receipt-')), 'receipt.pdf');
    writeFileSync(file, Buffer.from(printed.value.pdfBase64 ?? '', 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain(value.number);
    expect(text).toContain('160205********01');
    expect(text).not.toContain(NIK);
  }, 60_000);

  it('prints through the printer port on an Electron host', async () => {
    await station.dispose();
    station = await createTestStation({ host: 'electron' });
    client = memoryPair(station.dispatcher, `app-${connections++}`, kiosk);
    const jobs: string[] = [];
    station.ports.printer = {
      print: (job) => {
        jobs.push(job.html);
        return Promise.resolve({ printed: true, pdf: null });
      },
      toPdf: () => Promise.reject(new Error('not used')),
      list: () => Promise.resolve([]),
    };
    const value = await submitted();
    const printed = await client.send('applications-receipt-print', {
      number: value.number,
      check: value.check,
    });
    expect(printed).toEqual({
      ok: true,
      value: { isPrinted: true, pdfBase64: null, reason: null },
    });
    expect(jobs[0]).toContain(value.number);
  });

  it('refuses a wrong check and a receipt asked for long after submitting', async () => {
    const value = await submitted();
    const wrong = await client.send('applications-receipt-print', {
      number: value.number,
      check: 'x',
    });
    expect(wrong.ok || wrong.error.reason).toBe('BAD_CHECK');
    advance(31 * 60_000);
    const late = await client.send('applications-receipt-print', {
      number: value.number,
      check: value.check,
    });
    expect(late.ok || late.error.reason).toBe('RECEIPT_WINDOW_CLOSED');
  });
});
