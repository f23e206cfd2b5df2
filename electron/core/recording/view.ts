import type {
  PortraitCheck,
  RecordingDetail,
  RecordingEvent,
  RecordingSubject,
  RecordingSummary,
} from '../../contract';
import type { RecordingEventRow, RecordingHead } from '../../../db/queries/recordings';
import { residentRowByNik } from '../../../db/queries/residents-read';
import type { CoreDeps } from '../deps';
import { residentRef } from '../registry/search';
import { maskNik } from '../common/mask';

/** Recording rows → the contract's DTOs (one place). */

export function toSummary(row: RecordingHead): RecordingSummary {
  return {
    id: row.id,
    status: row.status,
    name: row.name,
    nikMasked: row.resident_nik ? maskNik(row.resident_nik) : '-',
    isPemula: row.is_pemula === 1,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    updatedAt: row.updated_at,
  };
}

function toEvent(row: RecordingEventRow): RecordingEvent {
  return {
    status: row.status as RecordingEvent['status'],
    at: row.at,
    by: row.actor_name,
    source: row.source,
    note: row.note,
  };
}

/** The subject as it was recorded; a resident by the ref this station gives them now. */
function subjectOf(deps: Pick<CoreDeps, 'sqlite'>, row: RecordingHead): RecordingSubject {
  if (row.subject_type === 'application' && row.application_id)
    return { applicationId: row.application_id };
  const resident = row.resident_nik ? residentRowByNik(deps.sqlite, row.resident_nik) : undefined;
  return { residentRef: resident ? residentRef(resident.id) : '' };
}

export function toDetail(
  deps: Pick<CoreDeps, 'sqlite'>,
  row: RecordingHead,
  events: RecordingEventRow[],
): RecordingDetail {
  const strokes = JSON.parse(row.signature_strokes) as { strokes: unknown[] };
  const handover =
    row.card_uid && row.recipient_name && row.recipient_relation && row.handed_at
      ? {
          recipientName: row.recipient_name,
          recipientRelation: row.recipient_relation,
          cardUid: row.card_uid,
          at: row.handed_at,
          by: row.handed_by ?? '-',
        }
      : null;
  return {
    ...toSummary(row),
    subject: subjectOf(deps, row),
    birthDate: row.birth_date,
    background: row.background,
    measuredBackground: row.measured_background,
    checks: JSON.parse(row.portrait_checks) as PortraitCheck[],
    overrideReason: row.override_reason,
    portraitSha256: row.portrait_sha256,
    signatureStrokeCount: strokes.strokes.length,
    biometrics: {
      fingerprintsDone: row.fingerprints_done === 1,
      irisDone: row.iris_done === 1,
      by: row.biometrics_by,
      at: row.biometrics_at,
    },
    handover,
    events: events.map(toEvent),
    next: nextActions(row.status),
  };
}

/** The buttons: print from PRR (first card) or dicetak (reprint); hand over a printed card. */
export function nextActions(status: RecordingHead['status']): RecordingDetail['next'] {
  if (status === 'prr') return ['print'];
  if (status === 'dicetak') return ['print', 'handover'];
  return [];
}
