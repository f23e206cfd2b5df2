import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentKind, RecordingStatus, StockItem } from '../../contract';
import { ChromiumPrinter } from '../../server/printer.chromium';
import { KIOSK, SRI } from '../../testing/desk';
import { pdfFile, pdfText, tool } from '../../testing/pdf-tools';
import type { Printer } from '../ports';
import { LIFETIME } from '../print/templates/ktp-el';
import { createTestStation, type TestStation } from '../../testing/station';
import { applyDistrictRecordingStatus, moveProblem } from './lifecycle';
import { as, person, recordingArgs, rowCounts, type Person } from '../../testing/recording';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
const FAKE_PDF = Buffer.from('%PDF-1.4 fake card');
const fakePrinter: Printer = {
  print: () => Promise.resolve({ printed: true, pdf: null }),
  toPdf: () => Promise.resolve(new Uint8Array(FAKE_PDF)),
  list: () => Promise.resolve([]),
};

let station: TestStation;
let adult: Person;
beforeEach(async () => {
  station = await createTestStation();
  station.ports.printer = fakePrinter;
  adult = person(station, 0, { birthDate: '1990-03-12' });
});
afterEach(() => station.dispose());

const officer = () => as(station, SRI);
const sql = <T>(query: string, ...params: unknown[]) =>
  station.deps.sqlite.prepare(query).all(...params) as T[];

async function recorded(p: Person = adult): Promise<string> {
  const created = await officer().send(
    'recording-create',
    recordingArgs({ residentRef: p.ref }, 'blue'),
  );
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

const district = (
  id: string,
  status: 'terkirim' | 'prr' | 'duplicate',
  at: string,
  note?: string,
) => officer().send('recording-training-district', { id, status, at, note });
const print = (id: string, copies = 1, reprintReason?: string, kind: DocumentKind = 'ktp-el') =>
  officer().send('print-run', { kind, subject: { recordingId: id }, copies, reprintReason });
const receive = (item: StockItem, count: number) =>
  officer().send('stock-move', { item, kind: 'received', count, note: 'BAST-2026/11/07' });
const onHand = async () => {
  const view = await officer().send('stock-get', { limit: 50 });
  if (!view.ok) throw new Error(view.error.message);
  return Object.fromEntries(view.value.levels.map((l) => [l.item, l.onHand]));
};
const status = (id: string) =>
  sql<{ status: RecordingStatus }>('SELECT status FROM recordings WHERE id = ?', id)[0]?.status;

describe('the recording lifecycle', () => {
  it('walks direkam → terkirim → prr → dicetak → diserahkan, and the stock moves with the print', async () => {
    station.ports.printer = new ChromiumPrinter(chromium);
    const other = person(station, 1);
    // The resident's old card, and a card of someone else.
    await officer().send('registry-card-bind', { nik: adult.nik, uid: '04112233445566' });
    await officer().send('registry-card-bind', { nik: other.nik, uid: 'A1B2C3D4' });
    const id = await recorded();

    // Before PRR nothing prints and nothing is handed over.
    let before = rowCounts(station);
    expect(await print(id)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_PRR' },
    });
    const handover = {
      id,
      recipientName: 'Budi Santoso',
      recipientRelation: 'sendiri',
      cardUid: '04A1B2C3D4E580',
    } as const;
    expect(await officer().send('recording-handover', handover)).toMatchObject({
      ok: false,
      error: { reason: 'NOT_PRINTED' },
    });
    expect(rowCounts(station)).toEqual(before);

    // The district (here the training panel) accepts it, then finds it single.
    expect(
      await district(id, 'terkirim', '2026-11-29T03:00:00.000Z', 'Diterima pusat'),
    ).toMatchObject({
      ok: true,
      value: { status: 'terkirim', next: [] },
    });
    before = rowCounts(station);
    expect(await district(id, 'terkirim', '2026-11-29T03:00:00.000Z')).toMatchObject({ ok: true });
    expect(rowCounts(station)).toEqual(before);
    expect(await district(id, 'prr', '2026-11-29T04:00:00.000Z')).toMatchObject({
      ok: true,
      value: { status: 'prr', next: ['print'] },
    });

    // No blanks, then blanks but no ribbon: refused before printing, nothing written.
    before = rowCounts(station);
    expect(await print(id)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'BLANKS_EMPTY', fields: ['blanko-ktp-el'] },
    });
    expect(rowCounts(station)).toEqual(before);
    await receive('blanko-ktp-el', 10);
    before = rowCounts(station);
    expect(await print(id)).toMatchObject({
      ok: false,
      error: { reason: 'BLANKS_EMPTY', fields: ['ribbon'] },
    });
    expect(rowCounts(station)).toEqual(before);
    await receive('ribbon', 100);
    expect(await onHand()).toEqual({ 'blanko-ktp-el': 10, 'blanko-kia': 0, ribbon: 100 });

    // The first card: a real PDF with the person's data and the 480 × 640 portrait in it.
    const first = await print(id);
    expect(first).toMatchObject({
      ok: true,
      value: { copyNumbers: [1], isDraft: true, reason: 'browser' },
    });
    if (!first.ok) return;
    const file = pdfFile(first.value.pdfBase64 ?? '');
    const text = pdfText(file).replace(/\s+/g, ' ');
    for (const s of [adult.nik, adult.name.toUpperCase(), LIFETIME, 'DRAF', '12-03-1990'])
      expect(text).toContain(s);
    const images = tool('pdfimages', ['-list', file], 'poppler-utils').toString('utf8');
    // The stored portrait goes in as it is (a JPEG), with the signature image beside it.
    expect(images).toMatch(/\s480\s+640\s+\w+\s+3\s+8\s+jpeg\s/);
    expect(images).toMatch(/\s600\s+200\s/);
    if (process.env['LM_KEEP_CARD']) tool('cp', [file, process.env['LM_KEEP_CARD']], 'coreutils');
    expect(status(id)).toBe('dicetak');
    expect(await onHand()).toEqual({ 'blanko-ktp-el': 9, 'blanko-kia': 0, ribbon: 99 });

    // A reprint needs a reason; then two copies use two of each.
    before = rowCounts(station);
    expect(await print(id, 2)).toMatchObject({
      ok: false,
      error: { reason: 'REPRINT_REASON_REQUIRED' },
    });
    expect(rowCounts(station)).toEqual(before);
    expect(await print(id, 2, 'Pita macet, kartu rusak')).toMatchObject({
      ok: true,
      value: { copyNumbers: [2, 3] },
    });
    expect(await onHand()).toEqual({ 'blanko-ktp-el': 7, 'blanko-kia': 0, ribbon: 97 });
    const runs = sql<{ run_id: string }>(
      "SELECT DISTINCT run_id FROM print_log WHERE subject_type = 'recording' ORDER BY seq",
    );
    expect(
      sql(
        'SELECT item, delta, print_run_id FROM stock_movements WHERE kind = ? ORDER BY seq',
        'used',
      ),
    ).toEqual([
      { item: 'blanko-ktp-el', delta: -1, print_run_id: runs[0]?.run_id },
      { item: 'ribbon', delta: -1, print_run_id: runs[0]?.run_id },
      { item: 'blanko-ktp-el', delta: -2, print_run_id: runs[1]?.run_id },
      { item: 'ribbon', delta: -2, print_run_id: runs[1]?.run_id },
    ]);

    // Handover: bad inputs change nothing; a card of someone else is refused.
    before = rowCounts(station);
    for (const [over, reason] of [
      [{ cardUid: 'XYZ' }, 'INVALID_UID'],
      [{ cardUid: '08A1B2C3' }, 'RANDOM_UID'],
      [{ recipientName: ' Bu ' }, 'BAD_RECIPIENT_NAME'],
      [{ cardUid: 'a1:b2:c3:d4' }, 'CARD_BOUND_ELSEWHERE'],
    ] as const) {
      const refused = await officer().send('recording-handover', { ...handover, ...over });
      expect(refused, reason).toMatchObject({ ok: false, error: { reason } });
    }
    expect(rowCounts(station)).toEqual(before);
    const handed = await officer().send('recording-handover', {
      ...handover,
      cardUid: '04:a1:b2:c3:d4:e5:80',
    });
    expect(handed).toMatchObject({
      ok: true,
      value: {
        status: 'diserahkan',
        next: [],
        handover: {
          recipientName: 'Budi Santoso',
          recipientRelation: 'sendiri',
          cardUid: '04A1B2C3D4E580',
          by: 'Sri Wahyuni',
        },
      },
    });
    if (!handed.ok) return;
    expect(handed.value.events.map((e) => [e.status, e.source, e.by, e.note])).toEqual([
      ['direkam', 'station', 'Sri Wahyuni', null],
      ['terkirim', 'training', 'Disdukcapil', 'Diterima pusat'],
      ['prr', 'training', 'Disdukcapil', null],
      ['dicetak', 'station', 'Sri Wahyuni', null],
      ['dicetak', 'station', 'Sri Wahyuni', 'Cetak ulang: Pita macet, kartu rusak'],
      ['diserahkan', 'station', 'Sri Wahyuni', null],
    ]);

    // The registry finds the resident by the new card; the old card identifies nobody now.
    const kiosk = as(station, KIOSK);
    expect(await kiosk.send('kiosk-identify-card', { uid: '04A1B2C3D4E580' })).toMatchObject({
      ok: true,
      value: { isKnown: true, prefill: { 'pemohon-nik': adult.nik } },
    });
    expect(await kiosk.send('kiosk-identify-card', { uid: '04112233445566' })).toMatchObject({
      ok: true,
      value: { isKnown: false },
    });
    expect(await print(id, 1, 'Cetak lagi setelah diserahkan')).toMatchObject({
      ok: false,
      error: { reason: 'NOT_PRR' },
    });

    // Every step is in the outbox and the audit log.
    const outbox = sql<{ aggregate: string; n: number }>(
      'SELECT aggregate, count(*) n FROM outbox GROUP BY aggregate ORDER BY aggregate',
    );
    expect(outbox).toEqual(
      expect.arrayContaining([
        { aggregate: 'recording', n: 6 },
        { aggregate: 'stock', n: 6 },
      ]),
    );
    const actions = sql<{ action: string; n: number }>(
      "SELECT action, count(*) n FROM audit_log WHERE action LIKE 'recording.%' OR action LIKE 'stock.%' OR action = 'registry.card-bound' GROUP BY action ORDER BY action",
    );
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toEqual({
      'recording.created': 1,
      'recording.status-changed': 2,
      'recording.printed': 1,
      'recording.reprinted': 1,
      'recording.handed-over': 1,
      'registry.card-bound': 3,
      'stock.received': 2,
      'stock.used': 4,
    });
    const list = await officer().send('recording-list', { limit: 10 });
    expect(list).toMatchObject({
      ok: true,
      value: { total: 1, counts: { diserahkan: 1, prr: 0 } },
    });
  }, 90_000);

  it('a duplicate is never printed and the person may be recorded again', async () => {
    await receive('blanko-ktp-el', 5);
    await receive('ribbon', 5);
    const id = await recorded();
    await district(id, 'terkirim', '2026-11-29T03:00:00.000Z');
    expect(
      await district(id, 'duplicate', '2026-11-29T05:00:00.000Z', 'Ganda dengan 1602...'),
    ).toMatchObject({
      ok: true,
      value: { status: 'duplicate', next: [] },
    });
    const before = rowCounts(station);
    expect(await print(id)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_PRR' },
    });
    expect(await district(id, 'prr', '2026-11-29T06:00:00.000Z')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'INVALID_TRANSITION' },
    });
    expect(rowCounts(station)).toEqual(before);
    const documents = await officer().send('print-documents', { subject: { recordingId: id } });
    expect(documents).toEqual({ ok: true, value: [] });
    expect(
      await officer().send('recording-eligibility', { subject: { residentRef: adult.ref } }),
    ).toMatchObject({
      ok: true,
      value: { isEligible: true },
    });
    expect(await recorded()).not.toBe(id);
  });

  it('the district status for sync: idempotent, refuses impossible moves, audited as Disdukcapil', async () => {
    const id = await recorded();
    const apply = (change: Parameters<typeof applyDistrictRecordingStatus>[2]) =>
      station.deps.db
        .transaction()
        .execute((trx) => applyDistrictRecordingStatus(station.deps, trx, change, 'district'));
    let before = rowCounts(station);
    expect(await apply({ id, status: 'prr', at: '2026-11-29T04:00:00.000Z' })).toMatchObject({
      ok: false,
      error: { reason: 'INVALID_TRANSITION', message: 'direkam → prr is not a recording move' },
    });
    expect(
      await apply({ id: 'nope', status: 'terkirim', at: '2026-11-29T04:00:00.000Z' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(rowCounts(station)).toEqual(before);
    const terkirim = { id, status: 'terkirim', at: '2026-11-29T03:00:00.000Z' } as const;
    expect(await apply(terkirim)).toEqual({ ok: true, value: { isChanged: true } });
    expect(await apply({ id, status: 'prr', at: '2026-11-29T04:00:00.000Z' })).toEqual({
      ok: true,
      value: { isChanged: true },
    });
    before = rowCounts(station);
    // A replay of an older change after a newer one: still a no-op.
    expect(await apply(terkirim)).toEqual({ ok: true, value: { isChanged: false } });
    expect(await apply({ id, status: 'prr', at: '2026-11-29T04:30:00.000Z' })).toEqual({
      ok: true,
      value: { isChanged: false },
    });
    expect(rowCounts(station)).toEqual(before);
    expect(
      sql(
        'SELECT status, actor_name, actor_user_id, source FROM recording_events WHERE recording_id = ? ORDER BY seq',
        id,
      ),
    ).toEqual([
      {
        status: 'direkam',
        actor_name: 'Sri Wahyuni',
        actor_user_id: 'user-sri',
        source: 'station',
      },
      { status: 'terkirim', actor_name: 'Disdukcapil', actor_user_id: null, source: 'district' },
      { status: 'prr', actor_name: 'Disdukcapil', actor_user_id: null, source: 'district' },
    ]);
    expect(sql("SELECT actor FROM audit_log WHERE action = 'recording.status-changed'")).toEqual([
      { actor: 'Disdukcapil' },
      { actor: 'Disdukcapil' },
    ]);
    const payloads = sql<{ payload: string }>(
      "SELECT payload FROM outbox WHERE aggregate = 'recording' ORDER BY seq",
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    expect(payloads.slice(1)).toMatchObject([
      {
        ID_REKAM: id,
        NIK: adult.nik,
        STATUS_REKAM: 'terkirim',
        SUMBER: 'district',
        PETUGAS: 'Disdukcapil',
      },
      { STATUS_REKAM: 'prr', TGL_STATUS: '2026-11-29T04:00:00.000Z' },
    ]);
    // The station never sets the district's statuses itself, and the district never prints.
    const row = await station.deps.db
      .selectFrom('recordings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(moveProblem(row.status, 'dicetak', 'district')).toMatch(/set by this station/);
    expect(moveProblem('direkam', 'terkirim', 'station')).toMatch(/set by the district/);
  });

  it('recording-training-district is refused on a station that is not for training', async () => {
    const real = await createTestStation({ demo: false });
    try {
      const before = rowCounts(real);
      const refused = await as(real, SRI).send('recording-training-district', {
        id: 'any',
        status: 'prr',
        at: '2026-11-29T04:00:00.000Z',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_TRAINING' } });
      expect(rowCounts(real)).toEqual(before);
    } finally {
      await real.dispose();
    }
  });

  it('reads: list with counts per status, get and portrait audited', async () => {
    const id = await recorded();
    const second = await recorded(person(station, 1));
    await district(second, 'terkirim', '2026-11-29T03:00:00.000Z');
    const client = officer();
    expect(await client.send('recording-list', { limit: 10 })).toMatchObject({
      ok: true,
      value: {
        total: 2,
        counts: { direkam: 1, terkirim: 1, prr: 0, duplicate: 0, dicetak: 0, diserahkan: 0 },
        items: [
          { id: second, status: 'terkirim' },
          { id, status: 'direkam' },
        ],
      },
    });
    expect(await client.send('recording-list', { status: 'direkam', limit: 10 })).toMatchObject({
      ok: true,
      value: { total: 1, items: [{ id }] },
    });
    const portrait = await client.send('recording-portrait', { id });
    const stored = sql<{ portrait_jpeg: Buffer }>(
      'SELECT portrait_jpeg FROM recordings WHERE id = ?',
      id,
    )[0];
    expect(portrait.ok && Buffer.from(portrait.value.jpegBase64, 'base64')).toEqual(
      Buffer.from(stored?.portrait_jpeg ?? []),
    );
    expect(await client.send('recording-get', { id })).toMatchObject({ ok: true, value: { id } });
    expect(
      sql(
        "SELECT action FROM audit_log WHERE action IN ('recording.viewed', 'recording.portrait-viewed') ORDER BY seq",
      ),
    ).toEqual([{ action: 'recording.portrait-viewed' }, { action: 'recording.viewed' }]);
    expect(await client.send('recording-get', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await as(station, KIOSK).send('recording-list', { limit: 10 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
