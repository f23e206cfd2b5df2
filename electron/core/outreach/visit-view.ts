import type { OutreachText, OutreachVisit, VisitService } from '../../contract';
import {
  servicesOfVisits,
  type OutreachVisitRow,
  type OutreachVisitServiceRow,
} from '../../../db/queries/outreach-visits';
import { residentRowByNik } from '../../../db/queries/residents-read';
import type { Database } from '../../../db/schema';
import type { Kysely } from 'kysely';
import { roleAtLeast } from '../../contract';
import type { Officer } from '../common/officer';
import type { CoreDeps } from '../deps';
import { residentRef } from '../registry/search';
import { offeredServices, RECORDING_SERVICE } from './plan';

/** Who acts at a desk: the officer and the desk their screen is ("meja-2"). */
export interface VisitActor extends Officer {
  desk: string;
}

/**
 * Whether the actor may work on a visit called to `desk`: its own desk's, or any for a
 * supervisor (who steps in when a desk's screen is gone).
 */
export function mayWorkAt(actor: VisitActor, desk: string | null): boolean {
  return desk === actor.desk || roleAtLeast(actor.role, 'supervisor');
}

export { RECORDING_SERVICE };

/** Titles by service code (the plan's list), built once per catalogue. */
const titles = new WeakMap<object, Map<string, OutreachText>>();

/** A service's title: the catalogue's, or the recording's; the code itself when unknown. */
export function serviceTitle(deps: Pick<CoreDeps, 'catalogue'>, code: string): OutreachText {
  let map = titles.get(deps.catalogue);
  if (!map) titles.set(deps.catalogue, (map = offeredServices(deps)));
  return map.get(code) ?? { id: code, en: code };
}

type ServiceRow = OutreachVisitServiceRow & { application_number: string | null };

function toService(
  deps: Pick<CoreDeps, 'catalogue' | 'sqlite'>,
  row: ServiceRow,
  refs: Map<string, string | null>,
): VisitService {
  const nik = row.subject_nik;
  if (nik && !refs.has(nik)) {
    const resident = residentRowByNik(deps.sqlite, nik);
    refs.set(nik, resident ? residentRef(resident.id) : null);
  }
  return {
    id: row.id,
    serviceCode: row.service_code,
    title: serviceTitle(deps, row.service_code),
    subjectName: row.subject_name,
    subjectNik: nik,
    subjectRef: nik ? (refs.get(nik) ?? null) : null,
    status: row.status,
    applicationId: row.application_id,
    applicationNumber: row.application_number,
    recordingId: row.recording_id,
    reason: row.reason,
    finishedAt: row.finished_at,
  };
}

/** Visit rows as the contract's visits, each with its services (one query for all). */
export async function toVisits(
  deps: Pick<CoreDeps, 'catalogue' | 'sqlite'>,
  db: Kysely<Database>,
  rows: readonly OutreachVisitRow[],
): Promise<OutreachVisit[]> {
  const services = await servicesOfVisits(
    db,
    rows.map((r) => r.id),
  );
  const byVisit = new Map<string, VisitService[]>();
  const refs = new Map<string, string | null>();
  for (const row of services) {
    const list = byVisit.get(row.visit_id) ?? [];
    list.push(toService(deps, row, refs));
    byVisit.set(row.visit_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    number: row.number,
    name: row.name,
    nik: row.nik,
    status: row.status,
    desk: row.desk,
    arrivedAt: row.arrived_at,
    calledAt: row.called_at,
    finishedAt: row.finished_at,
    services: byVisit.get(row.id) ?? [],
  }));
}

export async function toVisit(
  deps: Pick<CoreDeps, 'catalogue' | 'sqlite'>,
  db: Kysely<Database>,
  row: OutreachVisitRow,
): Promise<OutreachVisit> {
  const [visit] = await toVisits(deps, db, [row]);
  if (!visit) throw new Error(`Visit ${row.id} did not map`);
  return visit;
}
