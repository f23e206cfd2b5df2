import type { Kysely, Updateable } from 'kysely';
import {
  fail,
  failWith,
  ok,
  type DistrictRecordingStatus,
  type RecordingStatus,
  type Result,
} from '../../contract';
import { enqueue } from '../outbox';
import {
  getRecordingHead,
  insertRecordingEvent,
  recordingEvents,
  updateRecording,
  type RecordingHead,
} from '../../../db/queries/recordings';
import type { Database, RecordingsTable } from '../../../db/schema';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { officerName, type Officer } from '../common/officer';

/**
 * The recording lifecycle (domain §5.4): one table of allowed moves and one function that makes
 * a move, writing the status, its event (who, when, source, note), the audit entry and the outbox
 * entry together. Call it inside the transaction that read the row.
 */
export type RecordingSource = 'station' | 'district' | 'training';

const MOVES: Record<RecordingStatus, readonly RecordingStatus[]> = {
  direkam: ['terkirim'],
  terkirim: ['prr', 'duplicate'],
  prr: ['dicetak'],
  duplicate: [],
  // dicetak → dicetak is a reprint: the status stays, the event records it.
  dicetak: ['dicetak', 'diserahkan'],
  diserahkan: [],
};

/** What only the district decides (through sync, or the training panel on training stations). */
const DISTRICT_STATUSES: ReadonlySet<RecordingStatus> = new Set(['terkirim', 'prr', 'duplicate']);

export const DISTRICT_ACTOR = 'Disdukcapil';

/** Why `from → to` from `source` is not allowed, or null when it is. */
export function moveProblem(
  from: RecordingStatus,
  to: RecordingStatus,
  source: RecordingSource,
): string | null {
  if (!MOVES[from].includes(to)) return `${from} → ${to} is not a recording move`;
  const byDistrict = DISTRICT_STATUSES.has(to);
  if (byDistrict !== (source !== 'station'))
    return `${to} is set by ${byDistrict ? 'the district' : 'this station'}, not ${source}`;
  return null;
}

export interface Move {
  to: RecordingStatus;
  source: RecordingSource;
  /** When it happened (the district's time for district changes). */
  at: string;
  /** Who is audited: the officer, or the district for sync. */
  officer: Officer;
  /** The name in the event: the officer, or 'Disdukcapil'. */
  actorName: string;
  note: string | null;
  action: string;
  detail?: Record<string, unknown>;
  /** Further columns the move sets (the handover's recipient and card). */
  set?: Updateable<RecordingsTable>;
}

/** Makes one allowed move; a move the table does not allow is a bug here (callers check). */
export async function moveRecording(
  deps: CoreDeps,
  trx: Kysely<Database>,
  row: RecordingHead,
  move: Move,
): Promise<void> {
  const problem = moveProblem(row.status, move.to, move.source);
  if (problem) throw new Error(`Recording ${row.id}: ${problem}`);
  const now = deps.ports.clock.now().toISOString();
  await updateRecording(trx, row.id, { ...move.set, status: move.to, updated_at: now });
  await insertRecordingEvent(trx, {
    recording_id: row.id,
    status: move.to,
    at: move.at,
    actor_user_id: move.source === 'district' ? null : (move.officer.userId ?? null),
    actor_name: move.actorName,
    source: move.source,
    note: move.note,
  });
  const detail = { recordingId: row.id, from: row.status, to: move.to, source: move.source };
  await recordAudit(
    deps,
    trx,
    move.officer,
    move.action,
    { ...detail, note: move.note, ...move.detail },
    row.resident_nik,
  );
  await enqueue(trx, {
    id: deps.ports.ids.uuid(),
    aggregate: 'recording',
    aggregateId: row.id,
    op: 'upsert',
    at: now,
    payload: {
      ID_REKAM: row.id,
      NIK: row.resident_nik,
      STATUS_REKAM: move.to,
      TGL_STATUS: move.at,
      PETUGAS: move.actorName,
      SUMBER: move.source,
      KETERANGAN: move.note,
      ...move.detail,
    },
  });
}

/**
 * A status from the district (sync, issue 7) or the training panel. Idempotent: the status the
 * recording already has, or a change already recorded with the same time, is a no-op. A move the
 * lifecycle does not allow is refused with its reason (INVALID_TRANSITION) and writes nothing.
 */
export async function applyDistrictRecordingStatus(
  deps: CoreDeps,
  trx: Kysely<Database>,
  change: DistrictRecordingStatus,
  source: 'district' | 'training',
  officer: Officer = { role: 'admin', userName: DISTRICT_ACTOR, userId: null },
): Promise<Result<{ isChanged: boolean }>> {
  const row = await getRecordingHead(trx, change.id);
  if (!row) return fail('NOT_FOUND', `No recording ${change.id}`);
  if (row.status === change.status) return ok({ isChanged: false });
  const events = await recordingEvents(trx, row.id);
  if (events.some((e) => e.status === change.status && e.at === change.at))
    return ok({ isChanged: false });
  const problem = moveProblem(row.status, change.status, source);
  if (problem) return failWith('CONFLICT', 'INVALID_TRANSITION', problem, ['status']);
  await moveRecording(deps, trx, row, {
    to: change.status,
    source,
    at: change.at,
    officer,
    actorName: DISTRICT_ACTOR,
    note: change.note?.trim() || null,
    action: 'recording.status-changed',
  });
  return ok({ isChanged: true });
}

/**
 * The move of a KTP-el print run, inside the run's transaction: prr → dicetak, or for a reprint
 * dicetak → dicetak with the reason as the event's note. A recording handed over while the card
 * was printing keeps its status (the print log still has the copy).
 */
export async function recordingPrinted(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  recordingId: string,
  run: { runId: string; copyNumbers: number[]; reprintReason: string | null },
): Promise<void> {
  const row = await getRecordingHead(trx, recordingId);
  if (!row || (row.status !== 'prr' && row.status !== 'dicetak')) return;
  const isReprint = row.status === 'dicetak';
  await moveRecording(deps, trx, row, {
    to: 'dicetak',
    source: 'station',
    at: deps.ports.clock.now().toISOString(),
    officer,
    actorName: officerName(officer),
    note: isReprint ? `Cetak ulang: ${run.reprintReason ?? '-'}` : null,
    action: isReprint ? 'recording.reprinted' : 'recording.printed',
    detail: { printRunId: run.runId, copyNumbers: run.copyNumbers },
  });
}
