import { z } from 'zod';
import { fail, ok, type DocumentKind, type PrintLogEntry } from '../../contract';
import { copiesByKind, listPrintLog } from '../../../db/queries/print-log';
import type { PrintLogRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import { jakartaDayRange } from '../common/jakarta';
import type { CoreDeps } from '../deps';
import { parseIsoDay } from '../registry/nik';
import { parseResidentRef } from '../registry/search';
import { DOCUMENT_KINDS, KINDS } from './kinds';
import { issuedMark, prepare } from './prepare';
import { printRun } from './run';
import { configuredPrinter, registerPrinterSettings } from './settings';
import { resolveSubject } from './source';
import { UNVERIFIED } from './templates';

/** Documents and forms, the print log and printer settings (docs/printing.md). */
const subject = z.union([
  z.strictObject({ applicationId: z.string().min(1).max(64) }),
  z.strictObject({ kkNumber: z.string().regex(/^[0-9]{16}$/, '16 digits') }),
  z.strictObject({
    residentRef: z.string().refine((r) => parseResidentRef(r) !== null, 'a resident ref'),
  }),
  z.strictObject({ recordingId: z.string().min(1).max(64) }),
]);
const kind = z.enum(DOCUMENT_KINDS as [DocumentKind, ...DocumentKind[]]);
const day = z.string().refine((s) => parseIsoDay(s) !== null, 'a real date, YYYY-MM-DD');

export function registerPrinting(app: App, deps: CoreDeps): void {
  app.method('print-documents', {
    role: 'operator',
    args: z.strictObject({ subject }),
    run: async (args) => {
      const source = await resolveSubject(deps, args.subject);
      if (!source)
        return fail('NOT_FOUND', 'No such application, family or resident on this station');
      const copies = await copiesByKind(deps.db, source.key);
      return ok(
        await Promise.all(
          source.kinds.map(async (k) => ({
            kind: k,
            title: KINDS[k].title,
            paper: KINDS[k].paper,
            isDraft: KINDS[k].paper !== 'form' && (await issuedMark(deps, source, k)) === null,
            printedCopies: copies.get(k) ?? 0,
          })),
        ),
      );
    },
  });

  app.method('print-preview', {
    role: 'operator',
    args: z.strictObject({ kind, subject }),
    run: async (args, ctx) => {
      const prepared = await prepare(deps, args.kind, args.subject);
      if (!prepared.ok) return prepared;
      const { source, rendered, isDraft, pdf } = prepared.value;
      // Audited before the data leaves: the preview shows the person's data in full.
      await recordAuditAlone(
        deps,
        ctx.session,
        'print.previewed',
        { kind: args.kind, subjectLabel: source.label },
        source.nik,
      );
      return ok({
        kind: args.kind,
        title: KINDS[args.kind].title,
        isDraft,
        html: rendered.html,
        pageMm: rendered.pageMm,
        pages: rendered.pages,
        unverified: [...UNVERIFIED[args.kind]],
        printerName: await configuredPrinter(deps, KINDS[args.kind].paper),
        ...(pdf ? { siakPdf: { sha256: pdf.sha256, pages: pdf.pages } } : {}),
      });
    },
  });

  app.method('print-run', {
    role: 'operator',
    args: z.strictObject({
      kind,
      subject,
      copies: z.number().int().min(1).max(5),
      reprintReason: z.string().max(1000).optional(),
    }),
    run: (args, ctx) => printRun(deps, ctx.session, args),
  });

  app.method('print-log', {
    role: 'operator',
    args: z.strictObject({
      limit: z.number().int().min(1).max(200),
      beforeSeq: z.number().int().min(1).optional(),
      day: day.optional(),
    }),
    run: async (args) => {
      const range = args.day ? jakartaDayRange(args.day) : undefined;
      const rows = await listPrintLog(deps.db, {
        limit: args.limit,
        beforeSeq: args.beforeSeq,
        fromAt: range?.from,
        toAt: range?.to,
      });
      return ok(rows.map(toEntry));
    },
  });

  registerPrinterSettings(app, deps);
}

function toEntry(row: PrintLogRow & { is_archived: number }): PrintLogEntry {
  const known = (DOCUMENT_KINDS as string[]).includes(row.kind);
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    userName: row.user_name,
    kind: row.kind as DocumentKind,
    title: known ? KINDS[row.kind as DocumentKind].title : { id: row.kind, en: row.kind },
    subjectLabel: row.subject_label,
    copyNumber: row.copy_number,
    isDraft: row.is_draft === 1,
    isReprint: row.is_reprint === 1,
    reprintReason: row.reprint_reason,
    printerName: row.printer_name,
    isPrinted: row.is_printed === 1,
    isArchived: row.is_archived === 1,
  };
}
