import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncRun } from '../../core/sync/run';
import { RINA } from '../../testing/desk';
import { HUB_BACKENDS } from '../../testing/hub';
import { testOfficeCall } from '../../testing/office';
import {
  REPORT_DAYS,
  REPORT_EVENT_COUNTS,
  REPORT_EVENT_ID,
  REPORT_VISITS,
  seedReportEvent,
} from '../../testing/outreach-report';
import { valueOf } from '../../testing/outreach-plan';
import { printWithChromium } from '../../testing/outreach-print';
import { pdfFile, pdfText } from '../../testing/pdf-tools';
import { as } from '../../testing/recording';
import { syncWorld, type SyncWorld } from '../../testing/sync';
import { runCli } from '../cli';
import { OFFICE_HANDLERS } from './registry';
import { projectOutreachEvents } from './report-outreach';

let world: SyncWorld;

describe.each(HUB_BACKENDS)('outreach events at the hub (%s)', (backend) => {
  beforeEach(async () => {
    world = await syncWorld(backend);
    printWithChromium(world.station);
    seedReportEvent(world.station);
  });
  afterEach(() => world.dispose());

  const confirm = async (scope: string) =>
    valueOf(
      await as(world.station, RINA).send('outreach-report-confirm', {
        eventId: REPORT_EVENT_ID,
        scope,
      }),
    );
  const list = (role: 'pemantau' | 'admin' = 'pemantau') =>
    OFFICE_HANDLERS['reports-outreach-list'].run(testOfficeCall(world.hub, role), {});

  it('arrive in the next packet with their PDF; every version is kept and listed', async () => {
    const day = await confirm(REPORT_DAYS[0]);
    const event = await confirm('event');
    await syncRun(world.station.deps, world.keys, await world.target());

    const sent = await as(world.station, RINA).send('outreach-report-list', {
      eventId: REPORT_EVENT_ID,
    });
    expect(sent.ok && sent.value.map((r) => [r.scope, r.version, r.sent])).toEqual([
      [REPORT_DAYS[0], 1, true],
      ['event', 1, true],
    ]);

    const { events } = await list();
    expect(events).toHaveLength(1);
    const [item] = events;
    expect(item).toMatchObject({
      eventId: REPORT_EVENT_ID,
      title: 'Jelades Semedi Kijang Ulu',
      days: [...REPORT_DAYS],
      visitors: REPORT_EVENT_COUNTS.visitors,
      peopleServed: REPORT_EVENT_COUNTS.peopleServed,
      sameDayShare: REPORT_EVENT_COUNTS.sameDayShare,
      isTraining: false,
      latest: { scope: 'event', version: 1, pdfSha256: event.pdfSha256 },
    });
    expect(item?.stationName).toBe(world.station.deps.unit.name);
    expect(item?.reports.map((r) => [r.scope, r.version, r.peopleServed])).toEqual([
      ['event', 1, 3],
      [REPORT_DAYS[0], 1, 2],
    ]);
    // Counts only: no visitor's name or NIK reaches the district's list.
    const listed = JSON.stringify(events);
    for (const visit of REPORT_VISITS) {
      expect(listed).not.toContain(visit.name);
      if (visit.nik) expect(listed).not.toContain(visit.nik);
    }

    // The PDF as the station confirmed it, byte for byte; downloading it is audited.
    const pdf = await OFFICE_HANDLERS['reports-outreach-pdf'].run(
      testOfficeCall(world.hub, 'pemantau'),
      { unitId: item?.unitId ?? '', reportId: day.id },
    );
    const bytes = Buffer.from(pdf.pdfBase64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(day.pdfSha256);
    expect(pdf.fileName).toBe(`laporan-jelades-semedi-kijang-ulu-${REPORT_DAYS[0]}-v1.pdf`);
    expect(pdfText(pdfFile(bytes)).replace(/\s+/g, ' ')).toContain('Orang dilayani 2');
    const audit = await world.hub.db
      .selectFrom('office_audit')
      .select('action')
      .where('action', '=', 'reports-outreach-pdf')
      .execute();
    expect(audit).toHaveLength(1);

    // A later confirmation of the same scope is version 2, and the headline.
    await confirm('event');
    await syncRun(world.station.deps, world.keys, await world.target());
    const again = await list('admin');
    expect(again.events[0]?.latest).toMatchObject({ scope: 'event', version: 2 });
    expect(again.events[0]?.reports.map((r) => `${r.scope} v${r.version}`)).toEqual([
      'event v2',
      'event v1',
      `${REPORT_DAYS[0]} v1`,
    ]);

    // The hub CLI prints the same.
    const out: string[] = [];
    const code = await runCli(
      [
        'outreach-list',
        '--data',
        world.hubDir,
        ...(world.databaseUrl ? ['--database', world.databaseUrl] : []),
      ],
      { out: (line) => out.push(line), err: (line) => out.push(line) },
    );
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Jelades Semedi Kijang Ulu');
    expect(text).toContain(`${REPORT_DAYS.join(',')}\t3 served\tsame day 50%\tevent v2`);
    expect(text).toContain(`  ${REPORT_DAYS[0]}\tv1\t`);
    expect(text).toContain('1 outreach event(s)');
  }, 180_000);

  it('skips malformed records and refuses a PDF that is not the station’s own PDF', async () => {
    await confirm(REPORT_DAYS[0]);
    await syncRun(world.station.deps, world.keys, await world.target());
    const [item] = (await list()).events;
    const unitId = item?.unitId ?? '';
    const good = await world.hub.db
      .selectFrom('records')
      .select(['aggregate_id', 'data', 'packet_id'])
      .where('aggregate', '=', 'outreach-event')
      .executeTakeFirstOrThrow();
    const data = JSON.parse(good.data) as Record<string, unknown>;

    // A JPEG the same station sent, and a record that names it as its "PDF".
    const jpegSha = 'a'.repeat(64);
    await world.hub.db
      .insertInto('attachments')
      .values({
        sha256: jpegSha,
        size: 4,
        file_name: `${jpegSha}.jpg`,
        packet_id: good.packet_id,
        data: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      })
      .execute();
    const forged = { ...data, reportId: 'forged-1', pdf: { sha256: jpegSha, size: 4 } };
    const malformed = [
      { ...data, reportId: 'bad-1', version: 0 },
      { ...data, reportId: 'bad-2', scope: "2026-11-28'; drop table records; --" },
      { ...data, reportId: 'bad-3', figures: { ...(data.figures as object), peopleServed: -1 } },
      { ...data, reportId: 'bad-4', eventId: 'another-event' },
    ];
    const stored = await projectOutreachEvents(
      world.hub.db,
      unitId,
      [forged, ...malformed].map((d) => ({
        aggregate: 'outreach-event',
        aggregate_id: good.aggregate_id,
        data: JSON.stringify(d),
      })),
      world.hub.at(),
    );
    expect(stored).toBe(1);
    await expect(
      OFFICE_HANDLERS['reports-outreach-pdf'].run(testOfficeCall(world.hub, 'admin'), {
        unitId,
        reportId: 'forged-1',
      }),
    ).rejects.toMatchObject({ status: 409, reason: 'OUTREACH_PDF_MISSING' });
    await expect(
      OFFICE_HANDLERS['reports-outreach-pdf'].run(testOfficeCall(world.hub, 'admin'), {
        unitId: 'another-unit',
        reportId: String(data.reportId),
      }),
    ).rejects.toMatchObject({ status: 404, reason: 'OUTREACH_REPORT_UNKNOWN' });
    const rows = await world.hub.db.selectFrom('outreach_events').select('report_id').execute();
    expect(rows.map((r) => r.report_id).sort()).toEqual([String(data.reportId), 'forged-1']);
  }, 180_000);
});
