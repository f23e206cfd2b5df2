import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StockItem } from '../../contract';
import { SRI } from '../../testing/desk';
import type { Printer } from '../ports';
import { createTestStation, type TestStation } from '../../testing/station';
import {
  as,
  newPersonApplication,
  person,
  recordingArgs,
  rowCounts,
} from '../../testing/recording';

/** The KTP-el card print of a recording: who may be printed, and what a failed print uses. */
let station: TestStation;
let printed: boolean;
const printer: Printer = {
  print: () =>
    Promise.resolve(
      printed ? { printed: true, pdf: null } : { printed: false, reason: 'Pita habis' },
    ),
  toPdf: () => Promise.resolve(new Uint8Array(Buffer.from('%PDF-1.4 card'))),
  list: () => Promise.resolve(['Evolis Primacy']),
};

async function open(host: 'electron' | 'station-server') {
  station = await createTestStation({ host });
  station.ports.printer = printer;
  printed = true;
  for (const item of ['blanko-ktp-el', 'ribbon'] as StockItem[])
    await as(station, SRI).send('stock-move', { item, kind: 'received', count: 5, note: 'BAST 1' });
}
beforeEach(() => open('station-server'));
afterEach(() => station.dispose());

const officer = () => as(station, SRI);
async function toPrr(subject: Parameters<typeof recordingArgs>[0], colour: 'red' | 'blue') {
  const created = await officer().send('recording-create', recordingArgs(subject, colour));
  if (!created.ok) throw new Error(created.error.message);
  const id = created.value.id;
  for (const [status, at] of [
    ['terkirim', '2026-11-29T03:00:00.000Z'],
    ['prr', '2026-11-29T04:00:00.000Z'],
  ] as const)
    await officer().send('recording-training-district', { id, status, at });
  return id;
}
const print = (id: string, reprintReason?: string) =>
  officer().send('print-run', {
    kind: 'ktp-el',
    subject: { recordingId: id },
    copies: 1,
    reprintReason,
  });
const status = (id: string) =>
  (
    station.deps.sqlite.prepare('SELECT status FROM recordings WHERE id = ?').get(id) as {
      status: string;
    }
  ).status;

describe('KTP-el card print', () => {
  it('offers the card of a PRR recording, previews it audited, as a draft on a card blank', async () => {
    const adult = person(station, 0, { birthDate: '1988-08-08' });
    const id = await toPrr({ residentRef: adult.ref }, 'blue');
    expect(await officer().send('print-documents', { subject: { recordingId: id } })).toEqual({
      ok: true,
      value: [
        {
          kind: 'ktp-el',
          title: { id: 'Kartu Tanda Penduduk Elektronik (KTP-el)', en: 'Electronic identity card' },
          paper: 'card',
          isDraft: true,
          printedCopies: 0,
        },
      ],
    });
    const preview = await officer().send('print-preview', {
      kind: 'ktp-el',
      subject: { recordingId: id },
    });
    expect(preview).toMatchObject({
      ok: true,
      value: { pageMm: { width: 85.6, height: 54 }, pages: 1, isDraft: true },
    });
    expect(preview.ok && preview.value.html).toContain(adult.nik);
    expect(preview.ok && preview.value.unverified.length).toBeGreaterThan(0);
    const audit = station.deps.sqlite
      .prepare("SELECT detail, subject_hash FROM audit_log WHERE action = 'print.previewed'")
      .all() as { detail: string; subject_hash: string | null }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).not.toContain(adult.nik);
    expect(
      await officer().send('print-preview', { kind: 'kia', subject: { recordingId: id } }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'NOT_PRINTABLE' },
    });
  });

  it("prints a pemula's card only from the 17th birthday", async () => {
    const pemula = person(station, 0, { birthDate: '2010-06-01' });
    const id = await toPrr({ residentRef: pemula.ref }, 'blue');
    const before = rowCounts(station);
    expect(await print(id)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'UNDER_17' },
    });
    expect(rowCounts(station)).toEqual(before);
    // 2027-06-01 00:00 WIB: the 17th birthday.
    const clock = station.ports.clock as unknown as { advance(ms: number): void };
    clock.advance(Date.parse('2027-05-31T17:00:00.000Z') - Date.parse('2026-11-29T02:00:00.000Z'));
    expect(await print(id)).toMatchObject({ ok: true });
    expect(status(id)).toBe('dicetak');
  });

  it('a new person without a NIK yet is neither printed nor handed over', async () => {
    const app = newPersonApplication(station, {
      'pemohon-nama': 'Dewi Lestari',
      'tanggal-lahir': '1999-08-17',
      kewarganegaraan: 'WNI',
    });
    const id = await toPrr({ applicationId: app }, 'red');
    const before = rowCounts(station);
    expect(await print(id)).toMatchObject({ ok: false, error: { reason: 'NO_NIK_YET' } });
    // Until sync brings the NIK there is no way to dicetak; the row is put there by hand here.
    station.deps.sqlite.prepare("UPDATE recordings SET status = 'dicetak' WHERE id = ?").run(id);
    const handover = await officer().send('recording-handover', {
      id,
      recipientName: 'Dewi Lestari',
      recipientRelation: 'sendiri',
      cardUid: '04A1B2C3D4E580',
    });
    expect(handover).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NO_NIK_YET' },
    });
    expect(rowCounts(station)).toEqual(before);
  });

  it('Electron: a failed print uses no blank and leaves the recording at PRR', async () => {
    await station.dispose();
    await open('electron');
    const adult = person(station, 0, { birthDate: '1988-08-08' });
    const id = await toPrr({ residentRef: adult.ref }, 'blue');
    printed = false;
    expect(await print(id)).toMatchObject({
      ok: true,
      value: { isPrinted: false, reason: 'Pita habis' },
    });
    expect(status(id)).toBe('prr');
    const used = () =>
      station.deps.sqlite
        .prepare("SELECT count(*) FROM stock_movements WHERE kind = 'used'")
        .pluck()
        .get();
    expect(used()).toBe(0);
    printed = true;
    // The failed copy is in the print log, so the next one is a reprint and says why.
    expect(await print(id, 'Pita habis, diganti')).toMatchObject({
      ok: true,
      value: { isPrinted: true, copyNumbers: [2] },
    });
    expect(status(id)).toBe('dicetak');
    expect(used()).toBe(2);
    const detail = await officer().send('recording-get', { id });
    expect(detail.ok && detail.value.events.map((e) => [e.status, e.note])).toEqual([
      ['direkam', null],
      ['terkirim', null],
      ['prr', null],
      ['dicetak', null],
    ]);
  });
});
