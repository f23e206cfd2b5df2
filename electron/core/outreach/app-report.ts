import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  failWith,
  ok,
  type OutreachReportFigures,
  type OutreachReportSummary,
  type Result,
} from '../../contract';
import {
  countOutreachReports,
  insertOutreachReport,
  listOutreachReports,
  type ReportListRow,
} from '../../../db/queries/outreach-report';
import type { Dispatcher } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import { jakartaDay } from '../common/jakarta';
import { officerName } from '../common/officer';
import type { CoreDeps } from '../deps';
import { enqueue } from '../outbox';
import { computeBoard, startBoardPushes } from './board';
import { checkScope, loadEvent, reportFigures } from './report';
import { reportEventInfo, reportFileName, reportPdf } from './report-pdf';
import type { OutreachSignals } from './signals';

/**
 * The board and report handlers (issue 16 items 5 and 6; docs/outreach-report.md): the live
 * board (read, and pushed as 'outreach-board' to supervisors when the signals fire), the report
 * figures and PDF of a day or the whole event, and the leader's confirmation that stores the
 * report and queues it for the district as an `outreach-event` record.
 */

const eventId = z.string().min(1).max(64);
const scope = z.string().min(1).max(10);

/** The versions of each scope, in confirmation order (1, 2, ...). */
function summaries(rows: readonly ReportListRow[]): OutreachReportSummary[] {
  const versions = new Map<string, number>();
  return rows.map((row) => {
    const version = (versions.get(row.scope) ?? 0) + 1;
    versions.set(row.scope, version);
    return {
      id: row.id,
      eventId: row.event_id,
      scope: row.scope,
      version,
      figures: JSON.parse(row.figures) as OutreachReportFigures,
      confirmedBy: row.confirmed_by,
      confirmedAt: row.confirmed_at,
      pdfSha256: row.pdf_sha256,
      sent: row.packet_id !== null,
    };
  });
}

export function registerOutreachReport(
  app: Dispatcher,
  deps: CoreDeps,
  signals: OutreachSignals,
): void {
  startBoardPushes(app, deps, signals);
  // Confirmations run one at a time: each version number is the count before it, and its PDF
  // (printed outside the transaction) carries that number.
  let confirming: Promise<unknown> = Promise.resolve();

  app.method('outreach-board-get', {
    role: 'supervisor',
    args: z.strictObject({ eventId }),
    async run(args) {
      const event = await loadEvent(deps, args.eventId);
      if (!event.ok) return event;
      return ok(await computeBoard(deps, args.eventId));
    },
  });

  app.method('outreach-report-get', {
    role: 'supervisor',
    args: z.strictObject({ eventId, scope }),
    async run(args) {
      const event = await loadEvent(deps, args.eventId);
      if (!event.ok) return event;
      return reportFigures(deps, event.value, args.scope);
    },
  });

  app.method('outreach-report-pdf', {
    role: 'supervisor',
    args: z.strictObject({ eventId, scope }),
    async run(args) {
      const event = await loadEvent(deps, args.eventId);
      if (!event.ok) return event;
      const figures = await reportFigures(deps, event.value, args.scope);
      if (!figures.ok) return figures;
      const info = await reportEventInfo(deps, event.value);
      const pdf = await reportPdf(deps, info, figures.value, null);
      return ok({
        fileName: reportFileName(info, args.scope),
        base64: Buffer.from(pdf).toString('base64'),
      });
    },
  });

  app.method('outreach-report-confirm', {
    role: 'supervisor',
    args: z.strictObject({ eventId, scope }),
    run(args, ctx) {
      const next = confirming.then(() => confirm(deps, args, ctx.session));
      confirming = next.catch(() => undefined);
      return next;
    },
  });

  app.method('outreach-report-list', {
    role: 'supervisor',
    args: z.strictObject({ eventId }),
    async run(args) {
      const event = await loadEvent(deps, args.eventId);
      if (!event.ok) return event;
      return ok(summaries(await listOutreachReports(deps.db, args.eventId)));
    },
  });
}

async function confirm(
  deps: CoreDeps,
  args: { eventId: string; scope: string },
  session: Parameters<typeof officerName>[0],
): Promise<Result<OutreachReportSummary>> {
  const event = await loadEvent(deps, args.eventId);
  if (!event.ok) return event;
  if (event.value.status === 'planned')
    return failWith('CONFLICT', 'REPORT_NOT_STARTED', 'The event has not started yet');
  const scopeOk = checkScope(event.value, args.scope);
  if (!scopeOk.ok) return scopeOk;
  const now = deps.ports.clock.now();
  if (args.scope !== 'event' && args.scope > jakartaDay(now))
    return failWith('CONFLICT', 'REPORT_DAY_AHEAD', 'That day of the event has not come yet');
  const figures = await reportFigures(deps, event.value, args.scope);
  if (!figures.ok) return figures;
  const info = await reportEventInfo(deps, event.value);
  const version = (await countOutreachReports(deps.db, args.eventId, args.scope)) + 1;
  const confirmedBy = officerName(session);
  const confirmedAt = now.toISOString();
  const pdf = await reportPdf(deps, info, figures.value, { version, confirmedBy, confirmedAt });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const id = deps.ports.ids.uuid();
  const outboxId = deps.ports.ids.uuid();
  await deps.db.transaction().execute(async (trx) => {
    await insertOutreachReport(trx, {
      id,
      event_id: args.eventId,
      scope: args.scope,
      figures: JSON.stringify(figures.value),
      pdf,
      pdf_sha256: sha256,
      confirmed_by: confirmedBy,
      confirmed_at: confirmedAt,
      outbox_id: outboxId,
    });
    await enqueue(trx, {
      id: outboxId,
      aggregate: 'outreach-event',
      aggregateId: args.eventId,
      op: 'upsert',
      at: confirmedAt,
      payload: {
        reportId: id,
        eventId: args.eventId,
        scope: args.scope,
        version,
        confirmedBy,
        confirmedAt,
        isTraining: info.isTraining,
        event: {
          title: info.name,
          venue: info.venue,
          status: info.status,
          days: info.days,
          villages: info.villages.map((v) => ({ code: v.code, title: v.name })),
          kecamatan: { code: info.kecamatan.code, title: info.kecamatan.name },
          startedAt: info.startedAt,
          closedAt: info.closedAt,
        },
        figures: figures.value,
        pdf: { sha256, size: pdf.length },
      },
    });
    await recordAudit(deps, trx, session, 'outreach.report-confirmed', {
      eventId: args.eventId,
      scope: args.scope,
      version,
      reportId: id,
      pdfSha256: sha256,
      peopleServed: figures.value.peopleServed,
    });
  });
  return ok({
    id,
    eventId: args.eventId,
    scope: args.scope,
    version,
    figures: figures.value,
    confirmedBy,
    confirmedAt,
    pdfSha256: sha256,
    sent: false,
  });
}
