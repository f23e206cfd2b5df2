import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus, HardwareCheckArgs } from '../../contract';
import { ChromiumPrinter } from '../../server/printer.chromium';
import { Dispatcher } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import { KIOSK, SRI } from '../../testing/desk';
import { pdfFile, pdfPage, pdfText } from '../../testing/pdf-tools';
import type { PrintJob, Printer } from '../ports';
import { as, rowCounts } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import { registerHardwareCheck } from './app';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
const status = (
  over: Partial<DeviceStatus> & Pick<DeviceStatus, 'role' | 'state'>,
): DeviceStatus => ({
  label: null,
  vendorId: null,
  productId: null,
  since: '2026-11-29T01:00:00.000Z',
  message: null,
  lastReadAt: null,
  ...over,
});
const DEVICES: DeviceStatus[] = [
  status({ role: 'card-reader', state: 'connected', label: 'ACR122U meja 1' }),
  status({
    role: 'scanner',
    state: 'error',
    label: 'Zebra DS2208',
    message: 'Akses hidraw ditolak',
  }),
];

let station: TestStation;
let dispatcher: Dispatcher;
let connections = 0;
beforeEach(async () => {
  station = await createTestStation();
  // The check on its own dispatcher, with device states the test chooses.
  dispatcher = new Dispatcher((error) => {
    throw error;
  });
  registerHardwareCheck(dispatcher, station.deps, { deviceStatus: () => DEVICES });
});
afterEach(() => station.dispose());

const run = (args: HardwareCheckArgs, session = SRI) =>
  memoryPair(dispatcher, `hw-${connections++}`, session).send('hardware-check-run', args);
const camera = { passed: true, detail: 'Kamera 1280×720, bingkai diterima' };

describe('hardware-check-run', () => {
  it('checks every line, renders a real A4 sheet with PASS/GAGAL, stores and audits it', async () => {
    station.ports.printer = new ChromiumPrinter(chromium);
    const result = await run({ camera, printTestPage: true });
    expect(result).toMatchObject({ ok: true, value: { by: 'Sri Wahyuni', passed: false } });
    if (!result.ok) return;
    const lines = Object.fromEntries(result.value.lines.map((l) => [l.item, [l.passed, l.detail]]));
    expect(Object.keys(lines)).toEqual([
      'camera',
      'card-reader',
      'scanner',
      'printer',
      'disk',
      'database',
      'clock',
    ]);
    expect(lines['camera']).toEqual([true, camera.detail]);
    expect(lines['card-reader']).toEqual([true, 'ACR122U meja 1: Terhubung']);
    expect(lines['scanner']).toEqual([false, 'Zebra DS2208: Galat (Akses hidraw ditolak)']);
    expect(lines['printer']?.[0]).toBe(true);
    expect(lines['printer']?.[1]).toMatch(
      /^Halaman uji dibuat sebagai PDF \(\d+ KB\); cetak dari peramban$/,
    );
    expect(lines['database']).toEqual([true, 'integrity_check: ok']);
    expect(lines['disk']?.[1]).toMatch(
      /^Bebas \d+(\.\d{3})*,\d GB dari \d+(\.\d{3})*,\d GB \(minimal 2,0 GB\)$/,
    );
    expect(lines['clock']?.[0]).toBe(true);

    const file = pdfFile(result.value.sheetPdfBase64);
    const page = pdfPage(file);
    expect([page.pages, Math.round(page.widthPt), Math.round(page.heightPt)]).toEqual([
      1, 595, 842,
    ]);
    const text = pdfText(file).replace(/\s+/g, ' ');
    for (const s of [
      'LEMBAR CEK PERANGKAT',
      'SRI WAHYUNI',
      station.deps.unit.name.toUpperCase(),
      'Pembaca kartu KTP-el',
      'PASS',
      'GAGAL',
      'Akses hidraw ditolak',
      'integrity_check: ok',
      'HASIL: 1 GAGAL dari 7',
      'Minggu, 29 November 2026, 09.00 WIB',
    ])
      expect(text).toContain(s);
    expect(pdfText(pdfFile(result.value.testPagePdfBase64 ?? ''))).toContain('HALAMAN UJI PRINTER');

    const stored = station.deps.sqlite.prepare('SELECT * FROM hardware_checks').all() as {
      id: string;
      passed: number;
      lines: string;
      sheet_pdf: Buffer;
      user_name: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: result.value.id, passed: 0, user_name: 'Sri Wahyuni' });
    expect(JSON.parse(stored[0]?.lines ?? '[]')).toEqual(result.value.lines);
    expect(Buffer.from(stored[0]?.sheet_pdf ?? [])).toEqual(
      Buffer.from(result.value.sheetPdfBase64, 'base64'),
    );
    const audit = station.deps.sqlite
      .prepare("SELECT detail FROM audit_log WHERE action = 'hardware.checked'")
      .all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { checkId: result.value.id, passed: false, failed: ['scanner'] },
    ]);
  }, 60_000);

  it('Electron prints the test page on the document printer; a refusal fails the line', async () => {
    await station.dispose();
    station = await createTestStation({ host: 'electron' });
    dispatcher = new Dispatcher((error) => {
      throw error;
    });
    const devices = [
      status({ role: 'card-reader', state: 'training' }),
      status({ role: 'scanner', state: 'training' }),
    ];
    registerHardwareCheck(dispatcher, station.deps, { deviceStatus: () => devices });
    const jobs: PrintJob[] = [];
    let printed = true;
    const printer: Printer = {
      print: (job) => {
        jobs.push(job);
        return Promise.resolve(
          printed ? { printed: true, pdf: null } : { printed: false, reason: 'Kertas habis' },
        );
      },
      toPdf: () => Promise.resolve(new Uint8Array(Buffer.from('%PDF-1.4 sheet'))),
      list: () => Promise.resolve(['HP-A4']),
    };
    station.ports.printer = printer;
    await as(station, { role: 'admin', userName: 'Admin', mode: 'officer' }).send(
      'print-settings-set',
      {
        document: 'HP-A4',
        card: null,
        receipt: null,
      },
    );
    const ok = await run({ camera, printTestPage: true });
    expect(ok).toMatchObject({ ok: true, value: { passed: true, testPagePdfBase64: null } });
    expect(jobs.map((j) => [j.kind, j.deviceName, j.copies])).toEqual([['document', 'HP-A4', 1]]);
    expect(jobs[0]?.html).toContain('HALAMAN UJI PRINTER');
    printed = false;
    const failed = await run({ camera, printTestPage: true });
    expect(failed.ok && failed.value.lines.find((l) => l.item === 'printer')).toEqual({
      item: 'printer',
      passed: false,
      detail: 'HP-A4: Kertas habis',
    });
    const skipped = await run({
      camera: { passed: false, detail: 'Izin kamera ditolak' },
      printTestPage: false,
    });
    expect(skipped.ok && skipped.value.lines.filter((l) => !l.passed).map((l) => l.item)).toEqual([
      'camera',
      'printer',
    ]);
    expect(jobs).toHaveLength(2);
  });

  it('refuses when the sheet cannot be rendered, storing nothing; not for the kiosk', async () => {
    // The test station's printer port rejects every job.
    const before = rowCounts(station);
    expect(await run({ camera, printTestPage: false })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'SHEET_FAILED' },
    });
    expect(await run({ camera, printTestPage: false }, KIOSK)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await run({ camera: { passed: true, detail: ' ' }, printTestPage: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS' },
    });
    expect(rowCounts(station)).toEqual(before);
  });

  it('is registered on the station with the device layer', async () => {
    station.ports.printer = {
      ...station.ports.printer,
      toPdf: () => Promise.resolve(new Uint8Array(Buffer.from('%PDF-1.4 sheet'))),
    };
    const result = await as(station, SRI).send('hardware-check-run', {
      camera,
      printTestPage: false,
    });
    expect(result.ok && result.value.lines.map((l) => l.item)).toEqual([
      'camera',
      'card-reader',
      'scanner',
      'printer',
      'disk',
      'database',
      'clock',
    ]);
  });
});
