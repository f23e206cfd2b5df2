import {
  fail,
  failWith,
  ok,
  type OutreachVisit,
  type Result,
  type VisitService,
} from '../../contract';
import { eventHead, visitRow, type OutreachEventHead } from '../../../db/queries/outreach-visits';
import { recordAuditAlone } from '../audit/record';
import { escapeHtml } from '../common/html';
import { formatJakarta, jakartaDay, longDay } from '../common/jakarta';
import { maskNik } from '../common/mask';
import type { Officer } from '../common/officer';
import type { CoreDeps } from '../deps';
import {
  rollDocument,
  rollUnit,
  unitSlip,
  type Block,
  type RollUnit,
  type TextSize,
} from '../kiosk/receipt-layout';
import type { PrintJob } from '../ports';
import { configuredPrinter } from '../print/settings';
import { toVisit } from './visit-view';

/**
 * The hand-over sheet of a visit (issue 16 item 4; docs/outreach-visits.md): what the person
 * got today, what follows (application number, where and when to collect) and what was not
 * served, on the 80 mm roll or on A4.
 */

export type HandoverPaper = 'ticket-80mm' | 'a4';

export interface HandoverInput {
  visit: OutreachVisit;
  eventName: string;
  /** Where and when what follows is collected (one line per language). */
  collect: { id: string; en: string };
  printedAt: string;
  unit: RollUnit;
}

/** Where a follow-up is collected: the event's next day at its venue, else the district office. */
export function collectPlace(event: Pick<OutreachEventHead, 'days' | 'venue'>, today: string) {
  const days = JSON.parse(event.days) as string[];
  const next = days.filter((d) => d > today).sort()[0];
  if (next)
    return {
      id: `Diambil di ${event.venue}, ${longDay(next)}`,
      en: `Collect at ${event.venue} on ${next}`,
    };
  return {
    id: 'Diambil di Kantor Disdukcapil Kab. OKI, Kayuagung; cek status dengan nomor permohonan',
    en: 'Collect at the Disdukcapil office in Kayuagung; check the status with the application number',
  };
}

const serviceLine = (s: VisitService) =>
  `${s.title.id} — ${s.subjectName}${s.applicationNumber ? `\nNo. ${s.applicationNumber}` : ''}`;

function sections(visit: OutreachVisit) {
  return {
    done: visit.services.filter((s) => s.status === 'done'),
    followUp: visit.services.filter((s) => s.status === 'follow-up'),
    cancelled: visit.services.filter((s) => s.status === 'cancelled'),
  };
}

function listBlocks(
  heading: string,
  en: string,
  items: VisitService[],
  extra: (s: VisitService) => string,
): Block[] {
  if (items.length === 0) return [];
  return [
    { kind: 'text', text: heading, size: 'm', isBold: true },
    { kind: 'text', text: en, size: 's' },
    ...items.map((s): Block => ({
      kind: 'item',
      marker: '-',
      size: 'm',
      text: serviceLine(s) + extra(s),
    })),
    { kind: 'gap', mm: 2 },
  ];
}

const reasonOf = (s: VisitService) => `\n${s.reason ?? ''}`;

export function handoverBlocks(input: HandoverInput): Block[] {
  const { visit } = input;
  const { done, followUp, cancelled } = sections(visit);
  const text = (value: string, size: TextSize, isBold = false, isCentered = false): Block => ({
    kind: 'text',
    text: value,
    size,
    isBold,
    isCentered,
  });
  return unitSlip(input.unit, [
    text('TANDA TERIMA LAYANAN', 'l', true, true),
    text('Service hand-over', 's', false, true),
    text(input.eventName, 'm', false, true),
    text(`No. antrean ${visit.number}`, 'xl', true, true),
    text(visit.name, 'l', true, true),
    ...(visit.nik ? [text(`NIK ${maskNik(visit.nik)}`, 's', false, true)] : []),
    text(formatJakarta(input.printedAt), 's', false, true),
    { kind: 'rule' },
    ...listBlocks('DIBERIKAN HARI INI', 'Given today', done, () => ''),
    ...listBlocks('MENYUSUL', 'To follow', followUp, reasonOf),
    ...(followUp.length > 0
      ? [
          text(input.collect.id, 'm', true),
          text(input.collect.en, 's'),
          { kind: 'gap', mm: 2 } as const,
        ]
      : []),
    ...listBlocks('TIDAK DILAYANI', 'Not served', cancelled, reasonOf),
    text('Simpan lembar ini sampai semua dokumen Anda terima.', 's', false, true),
    text('Keep this sheet until you have every document.', 's', false, true),
  ]);
}

function a4Rows(items: VisitService[], withReason: boolean): string {
  return items
    .map(
      (s, i) =>
        `<tr><td>${i + 1}</td><td>${escapeHtml(s.title.id)}<br><small>${escapeHtml(s.title.en)}</small></td>` +
        `<td>${escapeHtml(s.subjectName)}</td><td class="mono">${escapeHtml(s.applicationNumber ?? '-')}</td>` +
        (withReason ? `<td>${escapeHtml(s.reason ?? '')}</td>` : '') +
        '</tr>',
    )
    .join('');
}

function a4Table(heading: string, en: string, items: VisitService[], withReason: boolean): string {
  if (items.length === 0) return '';
  const reason = withReason ? '<th>Keterangan / Note</th>' : '';
  return `<h2>${escapeHtml(heading)} <small>/ ${escapeHtml(en)}</small></h2>
<table><thead><tr><th>No</th><th>Layanan / Service</th><th>Untuk / For</th><th>No. permohonan</th>${reason}</tr></thead>
<tbody>${a4Rows(items, withReason)}</tbody></table>`;
}

export function handoverA4Html(input: HandoverInput): string {
  const { visit, unit } = input;
  const { done, followUp, cancelled } = sections(visit);
  const training = unit.isTraining
    ? '<p class="banner">PELATIHAN — BUKAN BUKTI RESMI / Training — not an official record</p>'
    : '';
  const collect = followUp.length
    ? `<p class="collect"><strong>${escapeHtml(input.collect.id)}</strong><br>${escapeHtml(input.collect.en)}</p>`
    : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Tanda terima layanan ${escapeHtml(visit.number)}</title>
<style>
@page { size: A4 portrait; margin: 18mm 16mm }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #000 }
header { border-bottom: 0.6mm solid #000; padding-bottom: 3mm; margin-bottom: 4mm }
h1 { font-size: 16pt; margin: 0 } h2 { font-size: 12pt; margin: 6mm 0 2mm }
.number { font-size: 28pt; font-weight: bold }
.mono { font-family: 'DejaVu Sans Mono', monospace; white-space: nowrap }
table { width: 100%; border-collapse: collapse } th, td { border: 0.3mm solid #000; padding: 1.5mm; text-align: left; vertical-align: top }
.banner { border: 0.6mm solid #000; padding: 2mm; font-weight: bold; text-align: center }
.collect { border-left: 1.2mm solid #000; padding-left: 3mm } small { font-size: 8.5pt }
</style>
</head>
<body>
${training}
<header>
<p><strong>DISDUKCAPIL KAB. OGAN KOMERING ILIR</strong><br>${escapeHtml(unit.name)} — ${escapeHtml(unit.placeName)}</p>
<h1>TANDA TERIMA LAYANAN <small>/ Service hand-over</small></h1>
<p>${escapeHtml(input.eventName)} · ${escapeHtml(formatJakarta(input.printedAt))}</p>
</header>
<p>No. antrean / Queue number: <span class="number">${escapeHtml(visit.number)}</span></p>
<p>Nama / Name: <strong>${escapeHtml(visit.name)}</strong>${visit.nik ? ` · NIK ${escapeHtml(maskNik(visit.nik))}` : ''}</p>
${a4Table('DIBERIKAN HARI INI', 'Given today', done, false)}
${a4Table('MENYUSUL', 'To follow', followUp, true)}
${collect}
${a4Table('TIDAK DILAYANI', 'Not served', cancelled, true)}
<p>Simpan lembar ini sampai semua dokumen Anda terima. / Keep this sheet until you have every document.</p>
<p><strong>LAYANAN GRATIS — tidak dipungut biaya</strong> / Free service — no fee is charged (UU 24/2013 Ps 79A)</p>
${training}
</body>
</html>
`;
}

export function handoverJob(input: HandoverInput, paper: HandoverPaper): PrintJob {
  if (paper === 'a4') return { kind: 'document', copies: 1, html: handoverA4Html(input) };
  const title = `Tanda terima layanan ${input.visit.number}`;
  return { kind: 'receipt', copies: 1, html: rollDocument(title, handoverBlocks(input)) };
}

/**
 * outreach-visit-handover-print: every service settled first. The station server renders the PDF
 * for the browser to print; Electron prints on the roll or document printer of the settings.
 * Called outside any transaction: printing waits on a device.
 */
export async function printHandover(
  deps: CoreDeps,
  args: { visitId: string; paper: HandoverPaper },
  officer: Officer,
): Promise<Result<{ printed: boolean; pdfBase64: string | null }>> {
  const row = await visitRow(deps.db, args.visitId);
  if (!row) return fail('NOT_FOUND', `No visit ${args.visitId}`);
  const visit = await toVisit(deps, deps.db, row);
  if (
    visit.status === 'waiting' ||
    visit.services.some((s) => s.status === 'waiting' || s.status === 'in-progress')
  )
    return failWith('CONFLICT', 'NOT_SETTLED', 'Every service is settled before the hand-over');
  const event = await eventHead(deps.db, deps.unit.unit_id, row.event_id);
  if (!event) return fail('NOT_FOUND', `No event ${row.event_id}`);
  const now = deps.ports.clock.now();
  const input: HandoverInput = {
    visit,
    eventName: event.name,
    collect: collectPlace(event, jakartaDay(now)),
    printedAt: now.toISOString(),
    unit: rollUnit(deps.unit),
  };
  const job = handoverJob(input, args.paper);
  let result: { printed: boolean; pdfBase64: string | null };
  if (deps.host === 'station-server') {
    const pdf = await deps.ports.printer.toPdf(job);
    result = { printed: false, pdfBase64: Buffer.from(pdf).toString('base64') };
  } else {
    const deviceName = (await configuredPrinter(deps, job.kind)) ?? undefined;
    const outcome = await deps.ports.printer.print({ ...job, deviceName });
    if (!outcome.printed) return failWith('CONFLICT', 'PRINT_FAILED', outcome.reason);
    result = {
      printed: true,
      pdfBase64: outcome.pdf ? Buffer.from(outcome.pdf).toString('base64') : null,
    };
  }
  await recordAuditAlone(deps, officer, 'outreach.handover-printed', {
    eventId: row.event_id,
    number: row.number,
    paper: args.paper,
    printed: result.printed,
  });
  return ok(result);
}
