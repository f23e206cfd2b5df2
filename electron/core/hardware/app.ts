import { z } from 'zod';
import {
  failWith,
  ok,
  type DeviceStatus,
  type HardwareCheckArgs,
  type HardwareCheckLine,
  type HardwareCheckResult,
  type Result,
} from '../../contract';
import { insertHardwareCheck, latestAuditAt } from '../../../db/queries/hardware-checks';
import type { App, Session } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import type { PrintJob } from '../ports';
import { configuredPrinter } from '../print/settings';
import { clockLine, databaseLine, deviceLine, diskLine } from './checks';
import { sheetHtml, testPageHtml } from './sheet';
import { officerName } from '../common/officer';

/** What the hardware check reads from the device layer (electron/devices, DeviceService). */
export interface HardwareCheckSources {
  deviceStatus: () => DeviceStatus[];
}

/** hardware-check-run: every line measured, the sheet rendered, then stored and audited. */
export function registerHardwareCheck(
  app: App,
  deps: CoreDeps,
  sources: HardwareCheckSources,
): void {
  app.method('hardware-check-run', {
    role: 'operator',
    args: z.strictObject({
      camera: z.strictObject({ passed: z.boolean(), detail: z.string().trim().min(1).max(300) }),
      printTestPage: z.boolean(),
    }),
    run: (args, ctx) => runCheck(deps, sources, ctx.session, args),
  });
}

async function runCheck(
  deps: CoreDeps,
  sources: HardwareCheckSources,
  session: Session,
  args: HardwareCheckArgs,
): Promise<Result<HardwareCheckResult>> {
  const id = deps.ports.ids.uuid();
  const now = deps.ports.clock.now();
  const at = now.toISOString();
  const by = officerName(session);
  const statuses = sources.deviceStatus();
  const printer = args.printTestPage ? await testPage(deps, at) : null;
  const lines: HardwareCheckLine[] = [
    { item: 'camera', passed: args.camera.passed, detail: args.camera.detail },
    deviceLine('card-reader', statuses),
    deviceLine('scanner', statuses),
    printer?.line ?? {
      item: 'printer',
      passed: false,
      detail: 'Tidak diuji: halaman uji tidak diminta',
    },
    await diskLine(deps.ports.paths.dataDir),
    databaseLine(deps.sqlite),
    clockLine(now, await latestAuditAt(deps.db)),
  ];
  const passed = lines.every((l) => l.passed);
  const isTraining = deps.unit.is_training === 1;
  const sheetJob: PrintJob = {
    html: sheetHtml({
      id,
      at,
      by,
      unitName: deps.unit.name,
      regionName: deps.unit.region_name,
      lines,
      isTraining,
    }),
    kind: 'document',
    copies: 1,
  };
  let sheet: Uint8Array;
  try {
    sheet = await deps.ports.printer.toPdf(sheetJob);
  } catch (error) {
    return failWith(
      'CONFLICT',
      'SHEET_FAILED',
      `The sheet could not be rendered: ${String(error)}`,
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertHardwareCheck(trx, {
      id,
      at,
      user_id: session.userId ?? null,
      user_name: by,
      passed: passed ? 1 : 0,
      lines: JSON.stringify(lines),
      sheet_pdf: sheet,
    });
    const failed = lines.filter((l) => !l.passed).map((l) => l.item);
    await recordAudit(deps, trx, session, 'hardware.checked', { checkId: id, passed, failed });
  });
  return ok({
    id,
    at,
    by,
    passed,
    lines,
    sheetPdfBase64: Buffer.from(sheet).toString('base64'),
    testPagePdfBase64: printer?.pdf ? Buffer.from(printer.pdf).toString('base64') : null,
  });
}

/**
 * The station server renders the test page (the browser prints it) and passes when a PDF comes
 * out; Electron prints it on the configured document printer and passes when the printer took it.
 */
async function testPage(
  deps: CoreDeps,
  at: string,
): Promise<{ line: HardwareCheckLine; pdf: Uint8Array | null }> {
  const job: PrintJob = {
    html: testPageHtml({ at, unitName: deps.unit.name, isTraining: deps.unit.is_training === 1 }),
    kind: 'document',
    copies: 1,
  };
  const fail = (detail: string) => ({
    line: { item: 'printer' as const, passed: false, detail },
    pdf: null,
  });
  if (deps.host === 'station-server') {
    try {
      const pdf = await deps.ports.printer.toPdf(job);
      const isPdf = Buffer.from(pdf.subarray(0, 5)).toString('latin1') === '%PDF-';
      if (!isPdf) return fail('Halaman uji tidak menjadi PDF');
      const kb = Math.max(1, Math.round(pdf.length / 1024));
      const detail = `Halaman uji dibuat sebagai PDF (${kb} KB); cetak dari peramban`;
      return { line: { item: 'printer', passed: true, detail }, pdf };
    } catch (error) {
      return fail(`Halaman uji gagal dibuat: ${(error as Error).message || String(error)}`);
    }
  }
  const printerName = await configuredPrinter(deps, 'document');
  const where = printerName ?? 'printer bawaan';
  try {
    const outcome = await deps.ports.printer.print({
      ...job,
      deviceName: printerName ?? undefined,
    });
    return outcome.printed
      ? {
          line: { item: 'printer', passed: true, detail: `Halaman uji dikirim ke ${where}` },
          pdf: null,
        }
      : fail(`${where}: ${outcome.reason}`);
  } catch (error) {
    return fail(`${where}: ${(error as Error).message || String(error)}`);
  }
}
