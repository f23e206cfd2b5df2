import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type {
  HubDatabase,
  HubDocumentsTable,
  OfficeApplicationsTable,
  OfficeLineMarksTable,
  OfficeNumberingTable,
} from '../hub-schema';

/**
 * The back-office's decisions (electron/hub/office/decision.ts): line marks, the proposal and
 * decision columns of office_applications, SIAK PDFs, the numbering and its counters. SQL both
 * hub databases accept (SQLite and PostgreSQL).
 */

/**
 * Touches the application's row first thing in a decision's transaction: on PostgreSQL the row
 * stays locked until the transaction ends, so two decisions on one application run one after
 * the other. False when there is no such application.
 */
export async function lockOfficeApplication(
  db: Kysely<HubDatabase>,
  applicationId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('office_applications')
    .set({ updated_at: at })
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function officeApplication(db: Kysely<HubDatabase>, applicationId: string) {
  return db
    .selectFrom('office_applications')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/** The claim ends (queue area's columns) when a proposal or decision hands the application on. */
export async function endClaim(db: Kysely<HubDatabase>, applicationId: string): Promise<void> {
  await db
    .updateTable('office_applications')
    .set({ claimed_by: null, claimed_by_name: null, claimed_at: null })
    .where('application_id', '=', applicationId)
    .execute();
}

/** Writes the proposal or decision columns (and office_status) of one application. */
export async function updateOfficeDecision(
  db: Kysely<HubDatabase>,
  applicationId: string,
  change: Pick<
    Updateable<OfficeApplicationsTable>,
    | 'office_status'
    | 'proposal'
    | 'proposal_kind'
    | 'proposal_note'
    | 'proposed_by'
    | 'proposed_by_name'
    | 'proposed_at'
    | 'decided_at'
    | 'decided_by'
    | 'decided_by_name'
    | 'decision_reason'
    | 'document_number'
    | 'updated_at'
  >,
): Promise<void> {
  await db
    .updateTable('office_applications')
    .set(change)
    .where('application_id', '=', applicationId)
    .execute();
}

export async function lineMarks(db: Kysely<HubDatabase>, applicationId: string) {
  return db
    .selectFrom('office_line_marks')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('requirement_code')
    .execute();
}

/** One mark per line: the last one wins. */
export async function putLineMark(
  db: Kysely<HubDatabase>,
  mark: Insertable<OfficeLineMarksTable>,
): Promise<void> {
  await db
    .insertInto('office_line_marks')
    .values(mark)
    .onConflict((oc) =>
      oc.columns(['application_id', 'requirement_code']).doUpdateSet((eb) => ({
        state: eb.ref('excluded.state'),
        note: eb.ref('excluded.note'),
        marked_by: eb.ref('excluded.marked_by'),
        marked_by_name: eb.ref('excluded.marked_by_name'),
        marked_at: eb.ref('excluded.marked_at'),
      })),
    )
    .execute();
}

/**
 * Inserts an issued document unless its number is taken; false when it is (also when another
 * transaction took it a moment ago: PostgreSQL waits for it, SQLite runs one at a time).
 */
export async function insertDocumentOnce(
  db: Kysely<HubDatabase>,
  document: Insertable<HubDocumentsTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('documents')
    .values(document)
    .onConflict((oc) => oc.column('document_number').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function isDocumentNumberTaken(
  db: Kysely<HubDatabase>,
  documentNumber: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('documents')
    .select('document_number')
    .where('document_number', '=', documentNumber)
    .executeTakeFirst();
  return row !== undefined;
}

export async function storeDocumentPdf(
  db: Kysely<HubDatabase>,
  pdf: { sha256: string; data: Buffer; created_at: string },
): Promise<void> {
  await db
    .insertInto('office_document_pdfs')
    .values({ ...pdf, size: pdf.data.length })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function documentPdf(db: Kysely<HubDatabase>, sha256: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('office_document_pdfs')
    .select('data')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row ? Buffer.from(row.data) : null;
}

export async function numberingRows(db: Kysely<HubDatabase>) {
  return db.selectFrom('office_numbering').selectAll().execute();
}

export async function putNumbering(
  db: Kysely<HubDatabase>,
  row: Insertable<OfficeNumberingTable>,
): Promise<void> {
  await db
    .insertInto('office_numbering')
    .values(row)
    .onConflict((oc) =>
      oc.column('kind').doUpdateSet((eb) => ({
        pattern: eb.ref('excluded.pattern'),
        width: eb.ref('excluded.width'),
        reset: eb.ref('excluded.reset'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
      })),
    )
    .execute();
}

/** The last sequence taken of a kind in a period (0: none yet). */
export async function counterValue(
  db: Kysely<HubDatabase>,
  kind: string,
  period: string,
): Promise<number> {
  const row = await db
    .selectFrom('office_number_counters')
    .select('last_value')
    .where('kind', '=', kind)
    .where('period', '=', period)
    .executeTakeFirst();
  return Number(row?.last_value ?? 0);
}

/**
 * Raises the counter to at least `value` (a number typed out of order leaves it where it is when
 * it is lower). Inside the transaction: on PostgreSQL the counter row stays locked until
 * it commits.
 */
export async function raiseCounter(
  db: Kysely<HubDatabase>,
  counter: { kind: string; period: string; value: number },
): Promise<void> {
  await db
    .insertInto('office_number_counters')
    .values({ kind: counter.kind, period: counter.period, last_value: counter.value })
    .onConflict((oc) =>
      oc.columns(['kind', 'period']).doUpdateSet({
        last_value: sql<number>`case when office_number_counters.last_value < excluded.last_value then excluded.last_value else office_number_counters.last_value end`,
      }),
    )
    .execute();
}

/** The status of the latest application-status update about an application (undefined: none). */
export async function lastApplicationStatus(
  db: Kysely<HubDatabase>,
  applicationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('updates')
    .select('payload')
    .where('subject_id', '=', applicationId)
    .where('kind', '=', 'application-status')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const status = (JSON.parse(row.payload) as { status?: unknown }).status;
  return typeof status === 'string' ? status : undefined;
}
