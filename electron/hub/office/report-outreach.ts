import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type {
  OutreachFigures,
  OutreachEventListItem,
  OutreachEventReportVersion,
  ReportsOutreachHandlers,
} from '../../contract/office/reports';
import { OFFICE_ROLES } from '../../contract/office/roles';
import type { OutreachReportFigures } from '../../contract/outreach';
import type { HubDatabase } from '../../../db/hub-schema';
import {
  insertOutreachEvent,
  listOutreachEvents,
  outreachEventReport,
  outreachPdfBytes,
  type HubOutreachEventRow,
} from '../../../db/queries/hub-outreach';
import type { HubContext } from '../context';
import { OfficeError, type OfficeHandlerMap } from './handler';

/**
 * Outreach events at the district (issue 16; docs/outreach-report.md): the `outreach-event`
 * records stations send when their leader confirms a report are projected into outreach_events
 * at ingest (every version kept), and the back-office lists the events with their reports and
 * hands out each version's PDF. Reports hold counts only; every role may read them.
 */

const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0).max(10_000_000);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const bilingual = z.object({ id: text(300), en: text(300) });

/** The figures as a station may send them; anything else in the record is ignored. */
const figuresSchema = z.object({
  eventId: text(64),
  scope: text(10),
  generatedAt: text(40),
  visitors: count,
  peopleServed: count,
  services: z
    .array(
      z.object({
        serviceCode: text(80),
        title: bilingual,
        total: count,
        male: count,
        female: count,
        byAgeBand: z.record(text(10), count),
        medianMinutes: z.number().min(0).max(1e7).nullable(),
        sameDay: count,
        done: count,
      }),
    )
    .max(100),
  firstTimeRecordings: count,
  prints: count,
  blanks: z.object({
    items: z
      .array(
        z.object({
          item: z.enum(['blanko-ktp-el', 'blanko-kia', 'ribbon']),
          out: count,
          used: count,
          spoiled: count,
          returned: count,
          left: z.number().int().min(-10_000_000).max(10_000_000),
        }),
      )
      .max(10),
  }),
  pending: z
    .array(
      z.object({
        day,
        number: text(20),
        serviceCode: text(80),
        status: z.enum(['waiting', 'in-progress', 'follow-up']),
        reason: text(300),
      }),
    )
    .max(5000),
  sameDayShare: z.number().min(0).max(1).nullable(),
}) satisfies z.ZodType<OutreachReportFigures>;

const recordSchema = z.object({
  reportId: text(64).min(1),
  eventId: text(64).min(1),
  scope: z.union([z.literal('event'), day]),
  version: z.number().int().min(1).max(10_000),
  confirmedBy: text(200),
  confirmedAt: text(40).min(1),
  isTraining: z.boolean(),
  event: z.object({
    title: text(200),
    venue: text(200),
    status: text(20),
    days: z.array(day).max(31),
    villages: z.array(z.object({ code: text(13), title: text(200) })).max(50),
    kecamatan: z.object({ code: text(13), title: text(200) }),
  }),
  figures: figuresSchema,
  pdf: z.object({
    sha256: sha,
    size: z
      .number()
      .int()
      .min(1)
      .max(64 * 1024 * 1024),
  }),
});

// The back-office's copy of the figures' shape and the station's are the same type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const FIGURES_AGREE: Same<OutreachFigures, OutreachReportFigures> = true;

/**
 * Called by projection.ts in the ingest transaction with the records that arrived for the first
 * time. A malformed record is skipped (a throw would refuse the station's whole packet).
 */
export async function projectOutreachEvents(
  trx: Kysely<HubDatabase>,
  unitId: string,
  fresh: readonly { aggregate: string; aggregate_id: string; data: string }[],
  at: string,
): Promise<number> {
  let stored = 0;
  for (const record of fresh) {
    if (record.aggregate !== 'outreach-event') continue;
    let data: unknown;
    try {
      data = JSON.parse(record.data);
    } catch {
      continue;
    }
    const parsed = recordSchema.safeParse(data);
    if (!parsed.success || parsed.data.eventId !== record.aggregate_id) continue;
    const r = parsed.data;
    const asked = r.figures.services.reduce((n, s) => n + s.total, 0);
    const sameDay = r.figures.services.reduce((n, s) => n + s.sameDay, 0);
    await insertOutreachEvent(trx, {
      unit_id: unitId,
      report_id: r.reportId,
      event_id: r.eventId,
      scope: r.scope,
      version: r.version,
      title: r.event.title,
      venue: r.event.venue,
      villages: JSON.stringify(r.event.villages),
      kecamatan_code: r.event.kecamatan.code,
      kecamatan_title: r.event.kecamatan.title,
      days: JSON.stringify(r.event.days),
      is_training: r.isTraining ? 1 : 0,
      visitors: r.figures.visitors,
      people_served: r.figures.peopleServed,
      services_asked: asked,
      same_day: sameDay,
      figures: JSON.stringify(r.figures),
      pdf_sha256: r.pdf.sha256,
      pdf_size: r.pdf.size,
      confirmed_by: r.confirmedBy,
      confirmed_at: r.confirmedAt,
      received_at: at,
    });
    stored += 1;
  }
  return stored;
}

const strings = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.map((v) => String(v)) : [];
  } catch {
    return [];
  }
};

const villageTitles = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as { title?: unknown }[];
    return Array.isArray(value) ? value.map((v) => String(v.title ?? '')) : [];
  } catch {
    return [];
  }
};

const share = (row: HubOutreachEventRow): number | null =>
  row.services_asked === 0
    ? null
    : Math.round((row.same_day / row.services_asked) * 10_000) / 10_000;

function version(row: HubOutreachEventRow): OutreachEventReportVersion {
  return {
    reportId: row.report_id,
    scope: row.scope,
    version: row.version,
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
    peopleServed: row.people_served,
    sameDayShare: share(row),
    pdfSha256: row.pdf_sha256,
    pdfSize: row.pdf_size,
  };
}

/** The versions grouped per station and event; the headline is the latest whole-event version. */
export function groupEvents(rows: readonly HubOutreachEventRow[]): OutreachEventListItem[] {
  const groups = new Map<string, HubOutreachEventRow[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.unit_id, row.event_id]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const newest = (a: HubOutreachEventRow, b: HubOutreachEventRow) =>
    b.confirmed_at.localeCompare(a.confirmed_at) || b.version - a.version;
  return [...groups.values()]
    .map((versions) => {
      const sorted = [...versions].sort(newest);
      const head = sorted.find((v) => v.scope === 'event') ?? (sorted[0] as HubOutreachEventRow);
      return {
        unitId: head.unit_id,
        stationName: head.station_name ?? head.unit_id,
        eventId: head.event_id,
        title: head.title,
        venue: head.venue,
        villages: villageTitles(head.villages),
        kecamatan: head.kecamatan_title,
        days: strings(head.days),
        isTraining: head.is_training === 1,
        visitors: head.visitors,
        peopleServed: head.people_served,
        sameDayShare: share(head),
        latest: version(head),
        reports: sorted.map(version),
        figures: JSON.parse(head.figures) as OutreachFigures,
      };
    })
    .sort((a, b) => b.latest.confirmedAt.localeCompare(a.latest.confirmedAt));
}

/** The last this many versions are listed (a district's events of several years). */
export const OUTREACH_LIST_LIMIT = 2000;

export async function outreachEventList(hub: HubContext): Promise<OutreachEventListItem[]> {
  return groupEvents(await listOutreachEvents(hub.db, OUTREACH_LIST_LIMIT));
}

/** One version's PDF, checked against the hash the record named. */
export async function outreachReportPdf(
  hub: HubContext,
  unitId: string,
  reportId: string,
): Promise<{ fileName: string; pdf: Buffer }> {
  const row = await outreachEventReport(hub.db, unitId, reportId);
  if (!row) throw new OfficeError(404, 'OUTREACH_REPORT_UNKNOWN', 'no such outreach report');
  const pdf = await outreachPdfBytes(hub.db, unitId, row.pdf_sha256);
  if (!pdf || createHash('sha256').update(pdf).digest('hex') !== row.pdf_sha256)
    throw new OfficeError(409, 'OUTREACH_PDF_MISSING', 'the report PDF has not arrived');
  const slug = row.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return {
    fileName: `laporan-${slug || 'kegiatan'}-${row.scope}-v${Number(row.version)}.pdf`,
    pdf,
  };
}

const id = z.string().min(1).max(64);

export const reportsOutreachHandlers: OfficeHandlerMap<keyof ReportsOutreachHandlers> = {
  'reports-outreach-list': {
    roles: OFFICE_ROLES,
    input: z.strictObject({}),
    readOnly: true,
    run: async (call) => ({ events: await outreachEventList(call.hub) }),
  },
  'reports-outreach-pdf': {
    roles: OFFICE_ROLES,
    input: z.strictObject({ unitId: id, reportId: id }),
    async run(call, args) {
      const { fileName, pdf } = await outreachReportPdf(call.hub, args.unitId, args.reportId);
      await call.audit('reports-outreach-pdf', { ...args });
      return { fileName, pdfBase64: pdf.toString('base64') };
    },
  },
};
