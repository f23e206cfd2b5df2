import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { failWith, ok, type PrintRunArgs, type PrintRunResult, type Result } from '../../contract';
import { insertPrintRun, lastCopyNumber } from '../../../db/queries/print-log';
import type { Database, NewPrintLog } from '../../../db/schema';
import type { Session } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import type { PrintJob } from '../ports';
import { KINDS } from './kinds';
import { prepare, type Prepared } from './prepare';
import { configuredPrinter } from './settings';

export const REPRINT_REASON = { min: 5, max: 300 } as const;
/** Stored when another print of the same document landed between the check and the log. */
const RACED_REASON = 'Cetak bersamaan dengan petugas lain (concurrent print)';

interface DeviceOutcome {
  isPrinted: boolean;
  reason: string | null;
  printerName: string | null;
}

/**
 * print-run: checks the reprint rule, renders the PDF once (the archive), prints on an Electron
 * host, then writes the copies, the archive and the audit entry in one transaction. Device work
 * happens before the transaction; a failed print is still logged (is_printed 0, with its reason).
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
  const job: PrintJob = {
    html: prepared.value.rendered.html,
    kind: KINDS[args.kind].paper,
    copies: args.copies,
  };
  const pdf = await deps.ports.printer.toPdf(job);
  const device = await printOnHost(deps, job);
  const logged = await deps.db
    .transaction()
    .execute((trx) =>
      logRun(deps, trx, session, { args, prepared: prepared.value, pdf, device, reason }),
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

/** Station server: the browser prints the returned PDF. Electron: the configured printer. */
async function printOnHost(deps: CoreDeps, job: PrintJob): Promise<DeviceOutcome> {
  if (deps.host === 'station-server')
    return { isPrinted: false, reason: 'browser', printerName: null };
  const printerName = await configuredPrinter(deps, job.kind);
  try {
    const outcome = await deps.ports.printer.print({
      ...job,
      deviceName: printerName ?? undefined,
    });
    return outcome.printed
      ? { isPrinted: true, reason: null, printerName }
      : { isPrinted: false, reason: outcome.reason, printerName };
  } catch (error) {
    return { isPrinted: false, reason: (error as Error).message || String(error), printerName };
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
  const rows: NewPrintLog[] = copyNumbers.map((copy) => ({
    id: deps.ports.ids.uuid(),
    run_id: runId,
    at,
    user_id: session.userId ?? null,
    user_name: session.userName ?? session.role,
    kind: args.kind,
    subject_type: source.key.type,
    subject_key: source.key.key,
    subject_label: source.label,
    application_id: source.application?.row.id ?? null,
    service_code: source.application?.row.service_code ?? null,
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
  return { logIds: rows.map((r) => r.id), copyNumbers };
}
