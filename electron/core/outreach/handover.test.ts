import { afterEach, describe, expect, it } from 'vitest';
import type { OutreachVisit } from '../../contract';
import { ChromiumPrinter } from '../../server/printer.chromium';
import type { Client } from '../../transport/client';
import { SRI, value } from '../../testing/desk';
import { deskClient, runningEvent } from '../../testing/outreach-visits';
import { pdfFile, pdfPage, pdfText } from '../../testing/pdf-tools';
import { newPersonApplication } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import type { PrintJob } from '../ports';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
let station: TestStation;
let desk: Client;
let eventId: string;

async function open(host: 'electron' | 'station-server', days = ['2026-11-29', '2026-11-30']) {
  station = await createTestStation({ host });
  eventId = runningEvent(station, { name: 'Jelades Semedi Kijang Ulu', days });
  desk = deskClient(station, SRI, 'meja-1').client;
}
afterEach(() => station.dispose());

/** A visit with a KIA done today, a KK change to follow, and a birth certificate not served. */
async function settledVisit(name = 'Siti Aminah'): Promise<OutreachVisit> {
  const visit = value(
    await desk.send('outreach-visit-arrive', {
      eventId,
      name,
      nik: '1602054107900001',
      services: [
        { serviceCode: 'kia-baru', subjectName: 'Putri Lestari', subjectNik: null },
        { serviceCode: 'kk-perubahan', subjectName: name, subjectNik: null },
        { serviceCode: 'akta-kelahiran', subjectName: 'Andi Saputra', subjectNik: null },
      ],
    }),
  );
  await desk.send('outreach-call-next', { eventId, visitId: null });
  const [kia, kk, akta] = visit.services;
  if (!kia || !kk || !akta) throw new Error('three services');
  const kkApp = newPersonApplication(station, { 'pemohon-nama': name }, 'kk-perubahan');
  value(
    await desk.send('outreach-visit-service-link', {
      serviceId: kk.id,
      applicationId: kkApp,
      recordingId: null,
    }),
  );
  const set = (
    serviceId: string,
    status: 'done' | 'follow-up' | 'cancelled',
    reason: string | null,
  ) => desk.send('outreach-visit-service-set', { serviceId, status, reason });
  value(await set(kia.id, 'done', null));
  value(await set(kk.id, 'follow-up', 'Menunggu tanda tangan kepala dinas'));
  value(await set(akta.id, 'cancelled', 'Surat keterangan lahir belum ada'));
  return value(await desk.send('outreach-visit-get', { visitId: visit.id }));
}

describe('outreach-visit-handover-print', () => {
  it('gives the browser an 80 mm PDF of what was given, what follows and what was not served', async () => {
    await open('station-server');
    station.ports.printer = new ChromiumPrinter(chromium);
    const visit = await settledVisit();
    const printed = value(
      await desk.send('outreach-visit-handover-print', { visitId: visit.id, paper: 'ticket-80mm' }),
    );
    expect(printed.printed).toBe(false);
    const file = pdfFile(printed.pdfBase64 ?? '');
    const text = pdfText(file).replace(/\s+/g, ' ');
    const kkNumber = visit.services[1]?.applicationNumber ?? 'missing';
    for (const expected of [
      'TANDA TERIMA LAYANAN',
      'No. antrean 001',
      'Siti Aminah',
      'NIK 160205********01',
      'DIBERIKAN HARI INI',
      'KIA baru — Putri Lestari',
      'MENYUSUL',
      kkNumber,
      'Menunggu tanda tangan kepala dinas',
      'Diambil di Balai Desa Kijang Ulu, 30 November 2026',
      'TIDAK DILAYANI',
      'Surat keterangan lahir belum ada',
      'LAYANAN GRATIS',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('1602054107900001');
    expect(pdfPage(file).widthPt).toBeCloseTo((80 / 25.4) * 72, 0);
    const audit = station.deps.sqlite
      .prepare("SELECT detail FROM audit_log WHERE action = 'outreach.handover-printed'")
      .pluck()
      .all() as string[];
    expect(audit.map((d) => JSON.parse(d) as unknown)).toEqual([
      { eventId, number: '001', paper: 'ticket-80mm', printed: false },
    ]);
  }, 120_000);

  it('prints A4 with the district office as the place to collect after the last event day', async () => {
    await open('station-server', ['2026-11-29']);
    station.ports.printer = new ChromiumPrinter(chromium);
    const visit = await settledVisit('Dewi <b>Lestari</b>');
    const printed = value(
      await desk.send('outreach-visit-handover-print', { visitId: visit.id, paper: 'a4' }),
    );
    const file = pdfFile(printed.pdfBase64 ?? '');
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('Dewi <b>Lestari</b>');
    expect(text).toContain('Kantor Disdukcapil Kab. OKI, Kayuagung');
    expect(text).toContain(visit.services[1]?.applicationNumber ?? 'missing');
    expect(text).toContain('Menunggu tanda tangan kepala dinas');
    const page = pdfPage(file);
    expect([Math.round(page.widthPt), Math.round(page.heightPt)]).toEqual([595, 842]);
  }, 120_000);

  it('prints on the configured printer on Electron, and refuses an unsettled visit', async () => {
    await open('electron');
    const jobs: PrintJob[] = [];
    station.ports.printer = {
      print: (job) => {
        jobs.push(job);
        return Promise.resolve({ printed: true, pdf: null });
      },
      toPdf: () => Promise.reject(new Error('not used')),
      list: () => Promise.resolve(['Roll-80']),
    };
    station.deps.sqlite
      .prepare(
        "INSERT INTO settings (key, value, updated_at) VALUES ('printer.receipt', '\"Roll-80\"', '2026-11-29')",
      )
      .run();
    const waiting = value(
      await desk.send('outreach-visit-arrive', {
        eventId,
        name: 'Belum Dipanggil',
        nik: null,
        services: [{ serviceCode: 'kia-baru', subjectName: 'Anak', subjectNik: null }],
      }),
    );
    expect(
      await desk.send('outreach-visit-handover-print', { visitId: waiting.id, paper: 'a4' }),
    ).toMatchObject({ ok: false, error: { reason: 'NOT_SETTLED' } });
    expect(jobs).toEqual([]);
    await desk.send('outreach-call-next', { eventId, visitId: null });
    const [kia] = waiting.services;
    if (!kia) throw new Error('one service');
    value(
      await desk.send('outreach-visit-service-set', {
        serviceId: kia.id,
        status: 'done',
        reason: null,
      }),
    );
    expect(
      await desk.send('outreach-visit-handover-print', {
        visitId: waiting.id,
        paper: 'ticket-80mm',
      }),
    ).toEqual({ ok: true, value: { printed: true, pdfBase64: null } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'receipt', deviceName: 'Roll-80' });
    expect(jobs[0]?.html).toContain('Belum Dipanggil');
  }, 60_000);
});
