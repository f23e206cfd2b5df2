import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  Database,
  OutreachEventsTable,
  OutreachReadinessTable,
  OutreachTeamTable,
} from '../schema';

/**
 * Outreach event plans, their team, services and readiness checklist (issue 16; docs/outreach.md),
 * and the registry reads of the readiness check and the invitation list.
 */

export type OutreachEventRow = Selectable<OutreachEventsTable>;
export type OutreachReadinessRow = Selectable<OutreachReadinessTable>;

export async function insertEvent(
  db: Kysely<Database>,
  row: Insertable<OutreachEventsTable>,
): Promise<void> {
  await db.insertInto('outreach_events').values(row).execute();
}

export async function updateEventPlan(
  db: Kysely<Database>,
  id: string,
  plan: Pick<OutreachEventsTable, 'name' | 'village_codes' | 'kecamatan_code' | 'days' | 'venue'>,
): Promise<void> {
  await db.updateTable('outreach_events').set(plan).where('id', '=', id).execute();
}

export async function getEvent(
  db: Kysely<Database>,
  id: string,
): Promise<OutreachEventRow | undefined> {
  return db.selectFrom('outreach_events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A unit's events, newest first. */
export async function listEvents(
  db: Kysely<Database>,
  unitId: string,
): Promise<OutreachEventRow[]> {
  return db
    .selectFrom('outreach_events')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function runningEventRow(
  db: Kysely<Database>,
  unitId: string,
): Promise<OutreachEventRow | undefined> {
  return db
    .selectFrom('outreach_events')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('status', '=', 'running')
    .executeTakeFirst();
}

export async function setEventStarted(
  db: Kysely<Database>,
  id: string,
  change: { at: string; by: string; overrideReason: string | null },
): Promise<void> {
  await db
    .updateTable('outreach_events')
    .set({
      status: 'running',
      started_at: change.at,
      started_by: change.by,
      start_override_reason: change.overrideReason,
    })
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .execute();
}

export async function setEventClosed(
  db: Kysely<Database>,
  id: string,
  change: { at: string; by: string },
): Promise<void> {
  await db
    .updateTable('outreach_events')
    .set({ status: 'closed', closed_at: change.at, closed_by: change.by })
    .where('id', '=', id)
    .where('status', '!=', 'closed')
    .execute();
}

export async function replaceTeam(
  db: Kysely<Database>,
  eventId: string,
  team: Array<Omit<Insertable<OutreachTeamTable>, 'event_id'>>,
): Promise<void> {
  await db.deleteFrom('outreach_team').where('event_id', '=', eventId).execute();
  if (team.length > 0)
    await db
      .insertInto('outreach_team')
      .values(team.map((m) => ({ ...m, event_id: eventId })))
      .execute();
}

export async function replaceServices(
  db: Kysely<Database>,
  eventId: string,
  services: Array<{ serviceCode: string; target: number }>,
): Promise<void> {
  await db.deleteFrom('outreach_services').where('event_id', '=', eventId).execute();
  if (services.length > 0)
    await db
      .insertInto('outreach_services')
      .values(
        services.map((s, position) => ({
          event_id: eventId,
          service_code: s.serviceCode,
          target: s.target,
          position,
        })),
      )
      .execute();
}

/** The team with the accounts' names (an account deleted since keeps its id as name). */
export async function teamOf(
  db: Kysely<Database>,
  eventId: string,
): Promise<
  Array<{
    user_id: string;
    task: OutreachTeamTable['task'];
    username: string | null;
    display_name: string | null;
  }>
> {
  return db
    .selectFrom('outreach_team')
    .leftJoin('users', 'users.id', 'outreach_team.user_id')
    .select(['outreach_team.user_id', 'outreach_team.task', 'users.username', 'users.display_name'])
    .where('outreach_team.event_id', '=', eventId)
    .orderBy('users.display_name')
    .execute();
}

export async function servicesOf(
  db: Kysely<Database>,
  eventId: string,
): Promise<Array<{ service_code: string; target: number }>> {
  return db
    .selectFrom('outreach_services')
    .select(['service_code', 'target'])
    .where('event_id', '=', eventId)
    .orderBy('position')
    .execute();
}

/** Active accounts (the team may hold only these). */
export async function activeUsers(
  db: Kysely<Database>,
): Promise<Array<{ id: string; username: string; display_name: string; role: string }>> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role'])
    .where('is_active', '=', 1)
    .orderBy('display_name')
    .execute();
}

export async function listReadiness(
  db: Kysely<Database>,
  eventId: string,
): Promise<OutreachReadinessRow[]> {
  return db.selectFrom('outreach_readiness').selectAll().where('event_id', '=', eventId).execute();
}

/** Writes the items of one check (the caller carries a confirmation over or clears it). */
export async function putReadiness(
  db: Kysely<Database>,
  rows: Array<Insertable<OutreachReadinessTable>>,
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('outreach_readiness')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['event_id', 'item']).doUpdateSet({
          state: row.state,
          detail: row.detail,
          checked_at: row.checked_at,
          confirmed_by: row.confirmed_by ?? null,
          confirmed_at: row.confirmed_at ?? null,
        }),
      )
      .execute();
  }
}

/** Living residents per village code (those with none are absent). */
export async function residentsPerVillage(
  db: Kysely<Database>,
  villageCodes: readonly string[],
): Promise<Map<string, number>> {
  if (villageCodes.length === 0) return new Map();
  const rows = await db
    .selectFrom('residents')
    .select(['village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('village_code', 'in', villageCodes)
    .where('is_alive', '=', 1)
    .groupBy('village_code')
    .execute();
  return new Map(rows.map((r) => [r.village_code, Number(r.n)]));
}

/** The latest passed hardware check in [from, to), or undefined. */
export async function passedHardwareCheck(
  db: Kysely<Database>,
  from: string,
  to: string,
): Promise<{ at: string; user_name: string } | undefined> {
  return db
    .selectFrom('hardware_checks')
    .select(['at', 'user_name'])
    .where('passed', '=', 1)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A living resident of the event's villages with the address of their KK (invitation rules). */
export interface InvitationResidentRow {
  nik: string;
  name: string;
  sex: 1 | 2;
  birth_date: string;
  marital_status: 1 | 2 | 3 | 4;
  marital_recorded: 0 | 1;
  marriage_date: string | null;
  relationship: number;
  citizenship: 'WNI' | 'WNA';
  village_code: string;
  kk_number: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  kk_issued_at: string | null;
}

export async function invitationResidents(
  db: Kysely<Database>,
  villageCodes: readonly string[],
): Promise<InvitationResidentRow[]> {
  if (villageCodes.length === 0) return [];
  return db
    .selectFrom('residents')
    .leftJoin('families', 'families.kk_number', 'residents.kk_number')
    .select([
      'residents.nik',
      'residents.name',
      'residents.sex',
      'residents.birth_date',
      'residents.marital_status',
      'residents.marital_recorded',
      'residents.marriage_date',
      'residents.relationship',
      'residents.citizenship',
      'residents.village_code',
      'residents.kk_number',
      'families.address',
      'families.rt',
      'families.rw',
      'families.issued_at as kk_issued_at',
    ])
    .where('residents.village_code', 'in', villageCodes)
    .where('residents.is_alive', '=', 1)
    .execute();
}

/** NIKs with a KTP-el recording at this station (of a resident, or of an application's applicant). */
export async function recordedNiks(db: Kysely<Database>): Promise<Set<string>> {
  const direct = await db
    .selectFrom('recordings')
    .select('resident_nik')
    .where('resident_nik', 'is not', null)
    .execute();
  const viaApplication = await db
    .selectFrom('recordings')
    .innerJoin('applications', 'applications.id', 'recordings.application_id')
    .select('applications.applicant_nik')
    .where('applications.applicant_nik', 'is not', null)
    .execute();
  return new Set([
    ...direct.flatMap((r) => (r.resident_nik ? [r.resident_nik] : [])),
    ...viaApplication.flatMap((r) => (r.applicant_nik ? [r.applicant_nik] : [])),
  ]);
}

/** Every application with the NIK of its applicant and of the child it is for (KIA). */
export async function applicationSubjects(db: Kysely<Database>): Promise<
  Array<{
    service_code: string;
    status: string;
    applicant_nik: string | null;
    child_nik: string | null;
    created_at: string;
  }>
> {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => [
      'service_code',
      'status',
      'applicant_nik',
      'created_at',
      eb.fn<string | null>('json_extract', ['fields', eb.val('$."anak-nik"')]).as('child_nik'),
    ])
    .execute();
  return rows.map((r) => ({ ...r, child_nik: r.child_nik === null ? null : String(r.child_nik) }));
}

/** The leader's confirmation of a 'confirm' item (printer paper). */
export async function confirmReadinessItem(
  db: Kysely<Database>,
  change: { eventId: string; item: string; by: string; at: string },
): Promise<void> {
  await db
    .updateTable('outreach_readiness')
    .set({ confirmed_by: change.by, confirmed_at: change.at })
    .where('event_id', '=', change.eventId)
    .where('item', '=', change.item)
    .where('state', '=', 'confirm')
    .execute();
}

/** Name and level of the given region codes (closed codes too). */
export async function regionsByCode(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<
  Array<{ code: string; name: string; level: string; valid_until_version: string | null }>
> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'valid_until_version'])
    .where('code', 'in', codes)
    .execute();
}
