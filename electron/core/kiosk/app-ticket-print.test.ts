import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../server/printer.chromium';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';
import { pdfFile, pdfText } from '../../testing/pdf-tools';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;

let station: TestStation;
let client: Client;
let connections = 0;

async function open(host: 'electron' | 'station-server') {
  station = await createTestStation({ host });
  client = memoryPair(station.dispatcher, `ticket-${connections++}`, kiosk);
}
beforeEach(() => open('station-server'));
afterEach(() => station.dispose());

async function take(serviceCode = 'kk') {
  const taken = await client.send('kiosk-ticket-take', { serviceCode });
  if (!taken.ok) throw new Error(JSON.stringify(taken.error));
  return taken.value;
}

const advance = (ms: number) =>
  (station.ports.clock as unknown as { advance(ms: number): void }).advance(ms);

const printAudits = () =>
  (
    station.deps.sqlite
      .prepare("SELECT detail FROM audit_log WHERE action = 'kiosk.ticket-printed' ORDER BY seq")
      .pluck()
      .all() as string[]
  ).map((d) => JSON.parse(d) as unknown);

/** Prints on an Electron host with a printer that keeps the HTML it was given. */
async function electronJobs(): Promise<string[]> {
  await station.dispose();
  await open('electron');
  const jobs: string[] = [];
  station.ports.printer = {
    print: (job) => {
      jobs.push(job.html);
      return Promise.resolve({ printed: true, pdf: null });
    },
    toPdf: () => Promise.reject(new Error('not used')),
    list: () => Promise.resolve([]),
  };
  return jobs;
}

describe('kiosk-ticket-print', () => {
  it('returns a PDF (station server) with the ticket number, and audits the print', async () => {
    station.ports.printer = new ChromiumPrinter(chromium);
    const ticket = await take();
    const printed = await client.send('kiosk-ticket-print', { ticketId: ticket.id });
    expect(printed).toMatchObject({ ok: true, value: { isPrinted: false, reason: 'browser' } });
    if (!printed.ok) return;
    const text = pdfText(pdfFile(printed.value.pdfBase64 ?? ''));
    expect(text).toContain(ticket.number);
    expect(text).toContain('NOMOR ANTREAN');
    expect(printAudits()).toEqual([{ number: ticket.number, isPrinted: false }]);
  }, 60_000);

  it('prints through the printer port on Electron, counting who still waits ahead', async () => {
    const jobs = await electronJobs();
    const first = await take('kk');
    const second = await take('ktp-el');
    const third = await take('kk');
    const print = (ticketId: string) => client.send('kiosk-ticket-print', { ticketId });
    expect(await print(third.id)).toEqual({
      ok: true,
      value: { isPrinted: true, pdfBase64: null, reason: null },
    });
    expect(jobs[0]).toContain(third.number);
    expect(jobs[0]).toContain('2 orang di depan Anda');
    // Called tickets are no longer ahead; later tickets never are.
    station.deps.sqlite
      .prepare("UPDATE queue_tickets SET status = 'called' WHERE id = ?")
      .run(first.id);
    await print(second.id);
    expect(jobs[1]).toContain(second.number);
    expect(jobs[1]).toContain('Tidak ada antrean di depan Anda');
    expect(printAudits()).toEqual([
      { number: third.number, isPrinted: true },
      { number: second.number, isPrinted: true },
    ]);
  });

  it('sends the ticket to the roll printer chosen in the station settings', async () => {
    await station.dispose();
    await open('electron');
    const devices: (string | undefined)[] = [];
    station.ports.printer = {
      print: (job) => {
        devices.push(job.deviceName);
        return Promise.resolve({ printed: true, pdf: null });
      },
      toPdf: () => Promise.reject(new Error('not used')),
      list: () => Promise.resolve(['EPSON-TM-T82', 'HP-A4']),
    };
    await client.send('kiosk-ticket-print', { ticketId: (await take()).id });
    const admin = memoryPair(station.dispatcher, `ticket-admin-${connections++}`, {
      role: 'admin',
      userName: 'admin',
      mode: 'officer',
    });
    const set = await admin.send('print-settings-set', {
      document: 'HP-A4',
      card: null,
      receipt: 'EPSON-TM-T82',
    });
    expect(set.ok).toBe(true);
    await client.send('kiosk-ticket-print', { ticketId: (await take()).id });
    expect(devices).toEqual([undefined, 'EPSON-TM-T82']);
  });

  it('refuses an unknown ticket and a ticket taken more than 30 minutes ago', async () => {
    const jobs = await electronJobs();
    const unknown = await client.send('kiosk-ticket-print', {
      ticketId: '01900000-0000-7000-8000-000000000000',
    });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    const ticket = await take();
    advance(30 * 60_000);
    expect((await client.send('kiosk-ticket-print', { ticketId: ticket.id })).ok).toBe(true);
    advance(1);
    const late = await client.send('kiosk-ticket-print', { ticketId: ticket.id });
    expect(late.ok || late.error).toMatchObject({
      code: 'CONFLICT',
      reason: 'TICKET_WINDOW_CLOSED',
    });
    expect(jobs).toHaveLength(1);
    expect(printAudits()).toHaveLength(1);
  });

  it('refuses an id that is not a UUID before looking anything up', async () => {
    const result = await client.send('kiosk-ticket-print', { ticketId: 'A-001' });
    expect(result.ok || result.error).toMatchObject({
      code: 'INVALID_ARGS',
      fields: ['ticketId'],
    });
  });
});
