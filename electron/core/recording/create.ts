import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  failWith,
  ok,
  type BackgroundColour,
  type RecordingCreateArgs,
  type Result,
} from '../../contract';
import { enqueue } from '../outbox';
import { insertRecording, insertRecordingEvent } from '../../../db/queries/recordings';
import type { Database } from '../../../db/schema';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { eligibilityOf, recordingSubject, type RecordingPerson } from './eligibility';
import {
  checkBiometrics,
  checkPortrait,
  checkSignature,
  createArgsShape,
  type CheckedPortrait,
  type CheckedSignature,
} from './validate';
import { officerName, type Officer } from '../common/officer';

export const createArgs = z.strictObject({ subject: recordingSubject, ...createArgsShape });

interface Checked {
  person: RecordingPerson;
  portrait: CheckedPortrait;
  signature: CheckedSignature;
  biometricsBy: string;
  isPemula: boolean;
  background: BackgroundColour;
}

/**
 * recording-create: one transaction checks everything (eligibility read inside it, so two desks
 * cannot record the same person twice; the images and checks are pure CPU work, nothing awaits a
 * device or a file) and then writes the row, its first event, the audit entry and the outbox
 * entry. A refusal writes nothing.
 */
export async function createRecording(
  deps: CoreDeps,
  officer: Officer,
  args: RecordingCreateArgs,
): Promise<Result<string>> {
  return deps.db.transaction().execute(async (trx) => {
    const checked = await check(deps, trx, officer, args);
    if (!checked.ok) return checked;
    return ok(await write(deps, trx, officer, checked.value, args.portrait.measuredBackground));
  });
}

async function check(
  deps: CoreDeps,
  db: Kysely<Database>,
  officer: Officer,
  args: RecordingCreateArgs,
): Promise<Result<Checked>> {
  const judged = await eligibilityOf(deps, db, args.subject);
  if (!judged.ok) return judged;
  const { person, eligibility } = judged.value;
  const [problem] = eligibility.problems;
  if (problem)
    return failWith(
      'CONFLICT',
      problem,
      `Not eligible: ${eligibility.problems.join(', ')}${eligibility.existingRecordingId ? ` (recording ${eligibility.existingRecordingId})` : ''}`,
      ['subject'],
    );
  const portrait = checkPortrait(args.portrait, eligibility.background);
  if (!portrait.ok) return portrait;
  const signature = checkSignature(args.signature);
  if (!signature.ok) return signature;
  const biometrics = checkBiometrics(args.biometrics, officerName(officer));
  if (!biometrics.ok) return biometrics;
  return ok({
    person,
    portrait: portrait.value,
    signature: signature.value,
    biometricsBy: biometrics.value.by,
    isPemula: eligibility.isPemula,
    background: eligibility.background,
  });
}

async function write(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  c: Checked,
  measured: RecordingCreateArgs['portrait']['measuredBackground'],
): Promise<string> {
  const id = deps.ports.ids.uuid();
  const at = deps.ports.clock.now().toISOString();
  const by = officerName(officer);
  const { person, portrait, signature } = c;
  await insertRecording(trx, {
    id,
    subject_type: person.nik ? 'resident' : 'application',
    resident_nik: person.nik,
    application_id: person.applicationId,
    name: person.name,
    birth_date: person.birthDate,
    citizenship: person.citizenship,
    is_pemula: c.isPemula ? 1 : 0,
    status: 'direkam',
    background: c.background,
    measured_background: measured,
    portrait_jpeg: portrait.bytes,
    portrait_sha256: portrait.sha256,
    portrait_checks: JSON.stringify(portrait.checks),
    override_reason: portrait.overrideReason,
    signature_strokes: signature.strokesJson,
    signature_png: signature.png,
    fingerprints_done: 1,
    iris_done: 1,
    biometrics_by: c.biometricsBy,
    biometrics_at: at,
    recorded_by_user_id: officer.userId ?? null,
    recorded_by: by,
    recorded_at: at,
    updated_at: at,
    card_uid: null,
    recipient_name: null,
    recipient_relation: null,
    handed_at: null,
    handed_by: null,
  });
  await insertRecordingEvent(trx, {
    recording_id: id,
    status: 'direkam',
    at,
    actor_user_id: officer.userId ?? null,
    actor_name: by,
    source: 'station',
    note: portrait.overrideReason,
  });
  const failed = portrait.checks.filter((x) => !x.passed).map((x) => x.code);
  await recordAudit(
    deps,
    trx,
    officer,
    'recording.created',
    { recordingId: id, isPemula: c.isPemula, failedChecks: failed, isOverride: failed.length > 0 },
    person.nik,
  );
  await enqueue(trx, {
    id: deps.ports.ids.uuid(),
    aggregate: 'recording',
    aggregateId: id,
    op: 'upsert',
    at,
    payload: {
      event: 'created',
      ID_REKAM: id,
      NIK: person.nik,
      NO_PERMOHONAN_ID: person.applicationId,
      NAMA_LGKP: person.name,
      TGL_LHR: person.birthDate,
      WARGA_NEGARA: person.citizenship,
      STATUS_REKAM: 'direkam',
      IS_PEMULA: c.isPemula,
      TGL_REKAM: at,
      PETUGAS_REKAM: by,
      KODE_UNIT: deps.unit.unit_id,
      FOTO: { SHA256: portrait.sha256, BYTES: portrait.bytes.length, WARNA_LATAR: c.background },
      FOTO_CEK: portrait.checks,
      FOTO_ALASAN_LEWATI: portrait.overrideReason,
      TTD: { GORESAN: signature.strokeCount, TITIK: signature.pointCount },
      BIOMETRIK: { SIDIK_JARI: true, IRIS: true, OLEH: c.biometricsBy, WAKTU: at },
    },
  });
  return id;
}
