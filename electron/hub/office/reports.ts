import { z } from 'zod';
import { OFFICE_ROLES } from '../../contract/office/roles';
import type { ReportArgs, ReportsHandlers } from '../../contract/office/reports';
import { OfficeError, type OfficeCall, type OfficeHandlerMap } from './handler';
import { reportCsv } from './report-csv';
import { bucketCount, isDay, MAX_BUCKETS } from './report-period';
import { reportPdf } from './report-pdf';
import { reportSummary } from './report-summary';
import { reportFileName } from './report-text';

/**
 * Back-office handlers of the reports area (issue 15 item 9): every role may read the district's
 * figures (pemantau is "reports only"). Reports hold counts and reason texts, no resident's data.
 * A download (CSV, PDF) is audited: figures leave the hub.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const input = z.strictObject({
  period: z.enum(['day', 'week', 'month']),
  from: day,
  to: day,
}) satisfies z.ZodType<ReportArgs>;

const PERIOD_NAMES = { day: 'hari', week: 'minggu', month: 'bulan' } as const;

/** The range's own checks: real days, from <= to, a bounded number of buckets. */
function checkRange(args: ReportArgs): ReportArgs {
  if (!isDay(args.from) || !isDay(args.to))
    throw new OfficeError(400, 'REPORT_BAD_DAY', 'from and to must be real days (YYYY-MM-DD)');
  if (args.from > args.to)
    throw new OfficeError(400, 'REPORT_RANGE', 'the range ends before it starts');
  const max = MAX_BUCKETS[args.period];
  if (bucketCount(args.period, args.from, args.to) > max)
    throw new OfficeError(
      400,
      'REPORT_RANGE_TOO_LONG',
      `at most ${max} ${PERIOD_NAMES[args.period]} per report`,
    );
  return args;
}

const summaryOf = async (call: OfficeCall, args: ReportArgs) =>
  reportSummary(call.hub, checkRange(args));

export const reportsHandlers: OfficeHandlerMap<keyof ReportsHandlers> = {
  'reports-summary': {
    roles: OFFICE_ROLES,
    input,
    readOnly: true,
    run: (call, args) => summaryOf(call, args),
  },
  'reports-csv': {
    roles: OFFICE_ROLES,
    input,
    async run(call, args) {
      const report = await summaryOf(call, args);
      await call.audit('reports-csv', { ...args });
      return { fileName: reportFileName(report, 'csv'), csv: reportCsv(report) };
    },
  },
  'reports-pdf': {
    roles: OFFICE_ROLES,
    input,
    async run(call, args) {
      const report = await summaryOf(call, args);
      const pdf = reportPdf(report);
      await call.audit('reports-pdf', { ...args });
      return { fileName: reportFileName(report, 'pdf'), pdfBase64: pdf.toString('base64') };
    },
  },
};
