import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { KioskApplyPage } from './kiosk-apply';
import { KioskPage } from './kiosk';

/**
 * Station-side steps of the back-office flow (renderer/e2e/office-flow.e2e.ts): a kiosk
 * application that keeps its receipt's check code, the kiosk status check, a tap on the
 * station's calls to the hub, and a stand-in for the PDF SIAK produces.
 */

export interface Receipt {
  number: string;
  /** The check code the receipt carries (letters and digits only, as the kiosk keys type it). */
  check: string;
}

/**
 * A replacement KK for this resident from the kiosk home (the optional questions skipped, the
 * two photos the service asks for), as KioskApplyPage.applyForReplacementKk does it, but
 * keeping the check code the status check needs.
 */
export async function applyKeepingReceipt(
  page: Page,
  resident: { nik: string; kk: string },
): Promise<Receipt> {
  const kiosk = new KioskApplyPage(page);
  await kiosk.openService('kk', 'kk-hilang-rusak');
  await kiosk.start();
  await kiosk.identify(resident.nik, resident.kk);
  await kiosk.next();
  while ((await kiosk.step()).kind === 'field') {
    const before = await page.getByTestId('wizard').getAttribute('data-index');
    await kiosk.skip();
    await page.locator(`[data-testid="wizard"]:not([data-index="${before}"])`).waitFor();
  }
  await page.getByTestId('step-photos').waitFor();
  await kiosk.photograph('ktp-el');
  await kiosk.photograph('surat-kehilangan-polisi');
  await kiosk.next();
  await kiosk.acceptConsent();
  await kiosk.next();
  await page.getByTestId('step-review').waitFor();
  const { number, check } = await kiosk.submit();
  await page.getByTestId('wizard-finish').click();
  await page.getByTestId('kiosk-home').waitFor();
  return { number, check: check.replace(/[^0-9A-Za-z]/g, '').toUpperCase() };
}

/** What the kiosk status check shows for one application. */
export interface KioskStatus {
  /** The station's status code (data-status). */
  status: string;
  /** The status as the applicant reads it. */
  current: string;
  /** The whole result as shown (the number, the timeline, any note). */
  text: string;
}

/**
 * The status check with the receipt's number and code, typed on screen: from the kiosk home,
 * or again after an earlier check ("Cek lagi").
 */
export async function checkStatusAtKiosk(page: Page, receipt: Receipt): Promise<KioskStatus> {
  if ((await page.getByTestId('status-receipt').count()) === 0)
    await new KioskPage(page).openService('cek-status');
  const keys = new KioskApplyPage(page);
  await page.getByTestId('status-receipt').click();
  await keys.keys(receipt.number);
  await page.getByTestId('status-code').click();
  await keys.keys(receipt.check);
  await page.getByTestId('status-submit').click();
  await page
    .locator('[data-testid="status-result"], [data-testid="status-error"]')
    .first()
    .waitFor();
  if ((await page.getByTestId('status-error').count()) > 0)
    throw new Error(`status check refused: ${await page.getByTestId('status-error').innerText()}`);
  const result = page.getByTestId('status-result');
  const shown: KioskStatus = {
    status: (await result.getAttribute('data-status')) ?? '',
    current: (await page.getByTestId('status-current').innerText()).trim(),
    text: await page.getByTestId('status-check').innerText(),
  };
  await page.getByTestId('status-again').click();
  await page.getByTestId('status-receipt').waitFor();
  return shown;
}

/** One call of the station to the hub's sync API, as the hub's HTTP server saw it. */
export interface StationCall {
  /** Date.now() when the request arrived or its answer was sent. */
  at: number;
  /** wait: POST /v1/updates/wait; pull: POST /v1/updates; other: packets. */
  kind: 'wait' | 'pull' | 'other';
  phase: 'start' | 'end';
  status?: number;
  /** For the end of a wait: the hub answered `{ ready: true }`. */
  isReady?: boolean;
}

/**
 * Listens to the hub's HTTP server beside its own handler and logs the station's /v1 calls,
 * with the long-poll's answer (the body the hub ends the response with). Nothing is changed:
 * the tap only reads what goes by. Returns the log and the function that stops listening.
 */
export function tapStationCalls(server: Server): { calls: StationCall[]; stop: () => void } {
  const calls: StationCall[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'https://hub').pathname;
    if (!path.startsWith('/v1/')) return;
    const kind: StationCall['kind'] =
      path === '/v1/updates/wait' ? 'wait' : path === '/v1/updates' ? 'pull' : 'other';
    calls.push({ at: Date.now(), kind, phase: 'start' });
    let body = '';
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args) => {
      const chunk = args[0];
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) body = chunk.toString('utf8');
      return end(...args);
    };
    res.once('finish', () => {
      let isReady = false;
      if (kind === 'wait' && res.statusCode === 201)
        try {
          isReady = (JSON.parse(body) as { ready?: unknown }).ready === true;
        } catch {
          isReady = false;
        }
      calls.push({ at: Date.now(), kind, phase: 'end', status: res.statusCode, isReady });
    });
  };
  server.on('request', listener);
  return { calls, stop: () => server.off('request', listener) };
}

/**
 * How updates reached the station after `since`: the first long-poll the hub answered
 * `{ ready: true }`, and the pulls that started before and after that answer.
 */
export function deliveryAfter(
  calls: readonly StationCall[],
  since: number,
): { readyAt: number | null; pullsBefore: number; pullsAfter: number } {
  const later = calls.filter((c) => c.at >= since);
  const ready = later.find((c) => c.kind === 'wait' && c.phase === 'end' && c.isReady);
  const pulls = later.filter((c) => c.kind === 'pull' && c.phase === 'start');
  const readyAt = ready?.at ?? null;
  return {
    readyAt,
    pullsBefore: readyAt === null ? pulls.length : pulls.filter((c) => c.at < readyAt).length,
    pullsAfter: readyAt === null ? 0 : pulls.filter((c) => c.at >= readyAt).length,
  };
}

/**
 * A stand-in for the KK PDF SIAK produces with its TTE: one A4 landscape page that names the
 * document number (pdftotext reads it back), and says in plain words that it is a test file.
 * No QR, no official marks.
 */
export async function siakStandInPdf(documentNumber: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Kartu Keluarga ${documentNumber}`);
  pdf.setProducer('Lakon Mandira e2e (bukan SIAK)');
  const page = pdf.addPage([841.89, 595.28]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  page.drawText('KARTU KELUARGA', { x: 60, y: 520, size: 22, font: bold });
  page.drawText(`No. ${documentNumber}`, { x: 60, y: 490, size: 14, font });
  page.drawText('Berkas uji end-to-end, pengganti PDF dari SIAK (bukan dokumen asli).', {
    x: 60,
    y: 80,
    size: 10,
    font,
  });
  return Buffer.from(await pdf.save());
}
