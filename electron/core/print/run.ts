import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { failWith, ok, type PrintRunArgs, type PrintRunResult, type Result } from '../../contract';
import { insertPrintRun, lastCopyNumber } from '../../../db/queries/print-log';
import type { Database, NewPrintLog } from '../../../db/schema';
import type { Session } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import { officerName } from '../common/officer';
import type { CoreDeps } from '../deps';
import type { PrintJob } from '../ports';
import { recordingPrinted } from '../recording/lifecycle';
import { blanksFor, shortOfBlanks, useBlanks, type BlankNeed } from '../stock/blanks';
import { KINDS } from './kinds';
import { prepare, type Prepared } from './prepare';
import { configuredPrinter } from './settings';

export const REPRINT_REASON = { min: 5, max: 300 } as const;
/** Stored when another print of the same document landed between the check and the log. */
const RACED_REASON = 'Cetak bersamaan dengan petugas lain (concurrent print)';

interface DeviceOutcome {
  isPrinted: boolean;
  /**
   * The copies left the station: printed on Electron, or handed to the browser as a PDF on the
   * station server (counted like the print log counts them). Only these use blanks and move a
   * recording to dicetak.
   */
  isDelivered: boolean;
  reason: string | null;
  printerName: string | null;
}

/**
 * print-run: checks the reprint rule and the blanks on hand, renders the PDF once (the archive),
 * prints on an Electron host, then writes the copies, the archive, the audit entry, the blanks
 * used and a KTP-el recording's move to dicetak in one transaction. Device work happens before
 * the transaction; a failed print is still logged (is_printed 0, with its reason) and uses nothing.
 */
export async function printRun(
  deps: CoreDeps,
  session: Session,
  args: PrintRunArgs,
): Promise<Result<PrintRunResult>> {
  const prepared = await prepare(deps, args.kind, args.subject);
  if (!prepared.ok) return prepared;
  const reason = args.reprintReason?.trim() ?? '';
  const last = await lastCopyNumber(deps.db, args.kind, prepared.value.source.key);
  if (last > 0 && (reason.length < REPRINT_REASON.min || reason.length > REPRINT_REASON.max))
    return failWith(
      'INVALID_ARGS',
      'REPRINT_REASON_REQUIRED',
      `Copy ${last} was printed already: a reprint needs a reason of ${REPRINT_REASON.min} to ${REPRINT_REASON.max} characters`,
      ['reprintReason'],
    );
  // Before any paper moves: a card print needs its blanks and ribbon on hand.
  const blanks = blanksFor(args.kind, args.copies);
  const short = await shortOfBlanks(deps, blanks);
  if (short)
    return failWith(
      'CONFLICT',
      'BLANKS_EMPTY',
      `${short.item}: ${short.onHand} on hand, ${short.count} needed`,
      [short.item],
    );
  const job: PrintJob = {
    html: prepared.value.rendered.html,
    kind: KINDS[args.kind].paper,
    copies: args.copies,
  };
  // A document issued with SIAK's PDF prints exactly those bytes (checked in prepare).
  const siak = prepared.value.pdf;
  const pdf = siak ? siak.bytes : await deps.ports.printer.toPdf(job);
  const device = await printOnHost(deps, job, siak ? pdf : null);
  const logged = await deps.db
    .transaction()
    .execute((trx) =>
      logRun(deps, trx, session, { args, prepared: prepared.value, pdf, device, reason, blanks }),
    );
  return ok({
    ...logged,
    isDraft: prepared.value.isDraft,
    isPrinted: device.isPrinted,
    pdfBase64: Buffer.from(pdf).toString('base64'),
    reason: device.reason,
    printerName: device.printerName,
  });
}

/**
 * Station server: the browser prints the returned PDF. Electron: the configured printer, the
 * template's HTML or (`siakPdf`) the district's PDF unchanged.
 */
async function printOnHost(
  deps: CoreDeps,
  job: PrintJob,
  siakPdf: Uint8Array | null,
): Promise<DeviceOutcome> {
  if (deps.host === 'station-server')
    return { isPrinted: false, isDelivered: true, reason: 'browser', printerName: null };
  const printerName = await configuredPrinter(deps, job.kind);
  const { printer } = deps.ports;
  if (siakPdf && !printer.printPdf)
    return { isPrinted: false, isDelivered: false, reason: 'PDF_PRINT_UNSUPPORTED', printerName };
  try {
    const deviceName = printerName ?? undefined;
    const outcome =
      siakPdf && printer.printPdf
        ? await printer.printPdf({ pdf: siakPdf, kind: job.kind, copies: job.copies, deviceName })
        : await printer.print({ ...job, deviceName });
    return outcome.printed
      ? { isPrinted: true, isDelivered: true, reason: null, printerName }
      : { isPrinted: false, isDelivered: false, reason: outcome.reason, printerName };
  } catch (error) {
    const reason = (error as Error).message || String(error);
    return { isPrinted: false, isDelivered: false, reason, printerName };
  }
}

async function logRun(
  deps: CoreDeps,
  trx: Kysely<Database>,
  session: Session,
  run: {
    args: PrintRunArgs;
    prepared: Prepared;
    pdf: Uint8Array;
    device: DeviceOutcome;
    reason: string;
    blanks: BlankNeed[];
  },
): Promise<{ logIds: string[]; copyNumbers: number[] }> {
  const { args, prepared, device } = run;
  const { source } = prepared;
  const at = deps.ports.clock.now().toISOString();
  const runId = deps.ports.ids.uuid();
  // Counted again inside the transaction: copy numbers stay unique if two desks print at once.
  const last = await lastCopyNumber(trx, args.kind, source.key);
  const isReprint = last > 0;
  const reprintReason = isReprint ? run.reason || RACED_REASON : null;
  const copyNumbers = Array.from({ length: args.copies }, (_, i) => last + 1 + i);
  const isApplication = source.key.type === 'application';
  const rows: NewPrintLog[] = copyNumbers.map((copy) => ({
    id: deps.ports.ids.uuid(),
    run_id: runId,
    at,
    user_id: session.userId ?? null,
    user_name: officerName(session),
    kind: args.kind,
    subject_type: source.key.type,
    subject_key: source.key.key,
    subject_label: source.label,
    // A recording's card is not a print of its biodata application (the daily summary counts
    // prints per service).
    application_id: isApplication ? (source.application?.row.id ?? null) : null,
    service_code: isApplication ? (source.application?.row.service_code ?? null) : null,
    copy_number: copy,
    is_draft: prepared.isDraft ? 1 : 0,
    is_reprint: isReprint ? 1 : 0,
    reprint_reason: reprintReason,
    printer_name: device.printerName,
    is_printed: device.isPrinted ? 1 : 0,
  }));
  const sha256 = createHash('sha256').update(run.pdf).digest('hex');
  await insertPrintRun(trx, { rows, archive: { runId, bytes: run.pdf, sha256, createdAt: at } });
  const detail = {
    kind: args.kind,
    subjectLabel: source.label,
    copies: args.copies,
    copyNumbers,
    isReprint,
    reason: reprintReason,
    isDraft: prepared.isDraft,
    isPrinted: device.isPrinted,
    runId,
  };
  await recordAudit(deps, trx, session, 'print.document', detail, source.nik);
  if (device.isDelivered) {
    await useBlanks(deps, trx, session, run.blanks, runId);
    if (source.recording)
      await recordingPrinted(deps, trx, session, source.recording.row.id, {
        runId,
        copyNumbers,
        reprintReason,
      });
  }
  return { logIds: rows.map((r) => r.id), copyNumbers };
}
