import type { Kysely } from 'kysely';
import { changeStatus } from '../../../db/queries/desk';
import { getSetting, putSetting } from '../../../db/queries/settings';
import {
  applicationForStatus,
  insertDistrictUpdate,
  insertRevocation,
  isDistrictUpdateSeen,
} from '../../../db/queries/sync-pull';
import type { Database } from '../../../db/schema';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { applyDistrictRecordingStatus } from '../recording/lifecycle';
import { applyIssuedDocument } from './issued-document';
import { verifyDocument } from '../../protocol/canonical';
import {
  applicationStatusPayload,
  recordingStatusPayload,
  revocationPayload,
  updatesBundleSchema,
  type DistrictUpdate,
  type UpdatesBundle,
} from '../../protocol/documents';
import { publicKeyFromRaw } from '../../protocol/packet/keys';
import type { StationKeys } from './station-keys';
import { openUpdates } from '../../protocol/updates-box';
import {
  SyncError,
  call,
  refusalOf,
  type SyncTarget,
  type UploadOptions,
  DEFAULT_UPLOAD,
} from './upload';

const CURSOR = 'sync.updates-cursor';
/** Statuses in which the station's desk still works on an application. */
const DESK_STATUSES = new Set(['diajukan', 'berkas-kurang', 'perlu-persetujuan']);
export const DISTRICT_ACTOR = 'Disdukcapil';
/** The desk status a district return reopens the application in (docs/desk-verification.md). */
export const DISTRICT_RETURN_STATUS = 'berkas-kurang';
const DISTRICT = { role: 'admin' as const, userName: DISTRICT_ACTOR, userId: null };

export interface PullSummary {
  received: number;
  applied: number;
  ignored: number;
  last: number;
}

export async function updatesCursor(deps: Pick<CoreDeps, 'db'>): Promise<number> {
  return (await getSetting<number>(deps.db, CURSOR)) ?? 0;
}

const fullOptions = (
  options: Pick<UploadOptions, 'fetch' | 'timeoutMs' | 'signal'>,
): UploadOptions => ({
  ...DEFAULT_UPLOAD,
  fetch: options.fetch,
  timeoutMs: options.timeoutMs,
  signal: options.signal,
});

/**
 * Pulls and applies the district's updates after the stored cursor, until none are left. Each
 * answer is a box sealed to this station (updates-box.ts); inside, the district-signed bundle.
 */
export async function pullUpdates(
  deps: CoreDeps,
  keys: StationKeys,
  target: SyncTarget,
  options: Pick<UploadOptions, 'fetch' | 'timeoutMs' | 'signal'> = DEFAULT_UPLOAD,
): Promise<PullSummary> {
  const total: PullSummary = {
    received: 0,
    applied: 0,
    ignored: 0,
    last: await updatesCursor(deps),
  };
  // The bundle is sealed to this station's X25519 key: opened with the seed from the key store.
  const seed = deps.ports.keyStore.load('sync-encryption');
  if (!seed) throw new SyncError('NOT_ENROLLED', 'no station encryption key', false);
  for (let round = 0; round < 100; round += 1) {
    const body = Buffer.from(JSON.stringify({ after: total.last }));
    const answer = await call(
      deps,
      keys,
      target,
      fullOptions(options),
      'POST',
      '/v1/updates',
      body,
      'application/json',
    );
    if (answer.status !== 201) throw refusalOf(answer);
    const bundle = openUpdates(seed, answer.body.sealed, deps.unit.unit_id, 'http');
    if (bundle === null)
      throw new SyncError('BAD_UPDATES', 'updates not sealed to this station', false);
    const applied = await applyUpdatesBundle(deps, target, bundle);
    total.received += applied.received;
    total.applied += applied.applied;
    total.ignored += applied.ignored;
    const isDone = applied.last === total.last;
    total.last = applied.last;
    if (isDone || applied.received === 0) break;
  }
  return total;
}

/**
 * The long-poll (docs/sync-protocol.md, "Faster updates"): asks the hub to answer as soon as it
 * has an update after `after` for this station. True: there is one (pull it); false: none came
 * within the hub's hold (about 25 s). The answer says nothing else: what arrives is still pulled,
 * opened and verified by pullUpdates.
 */
export async function waitForUpdates(
  deps: CoreDeps,
  keys: StationKeys,
  target: SyncTarget,
  after: number,
  options: Pick<UploadOptions, 'fetch' | 'timeoutMs' | 'signal'>,
): Promise<boolean> {
  const answer = await call(
    deps,
    keys,
    target,
    fullOptions(options),
    'POST',
    '/v1/updates/wait',
    Buffer.from(JSON.stringify({ after })),
    'application/json',
  );
  if (answer.status !== 201) throw refusalOf(answer);
  if (typeof answer.body.ready !== 'boolean')
    throw new SyncError('NOT_THE_HUB', 'wait answer without ready', true);
  return answer.body.ready;
}

/**
 * Verifies a bundle (district signature, this unit, continuing from the cursor) and applies each
 * update once, all in one transaction with the new cursor. Also the path for a bundle file
 * brought back on a USB drive.
 */
export async function applyUpdatesBundle(
  deps: CoreDeps,
  target: SyncTarget,
  value: unknown,
): Promise<PullSummary> {
  const parsed = updatesBundleSchema.safeParse(value);
  if (!parsed.success) throw new SyncError('BAD_UPDATES', 'updates bundle malformed', true);
  const bundle: UpdatesBundle = parsed.data;
  if (!verifyDocument(publicKeyFromRaw('ed25519', target.districtSigningKey), bundle))
    throw new SyncError('BAD_UPDATES', 'updates not signed by the district', false);
  if (bundle.unitId !== deps.unit.unit_id)
    throw new SyncError('BAD_UPDATES', 'updates for another unit', false);
  return deps.db.transaction().execute(async (trx) => {
    const cursor = (await getSetting<number>(trx, CURSOR)) ?? 0;
    let applied = 0;
    let ignored = 0;
    for (const update of bundle.updates) {
      if (await isDistrictUpdateSeen(trx, update.seq)) continue;
      const outcome = await applyOne(deps, trx, target, update);
      if (outcome === 'applied') applied += 1;
      else ignored += 1;
      await insertDistrictUpdate(trx, {
        seq: update.seq,
        kind: update.kind,
        subject_id: update.subjectId,
        payload: JSON.stringify(update.payload),
        created_at: update.createdAt,
        applied_at: deps.ports.clock.now().toISOString(),
        outcome,
      });
    }
    const last = Math.max(cursor, bundle.last);
    await putSetting(trx, CURSOR, last, deps.ports.clock.now().toISOString());
    return { received: bundle.updates.length, applied, ignored, last };
  });
}

async function applyOne(
  deps: CoreDeps,
  trx: Kysely<Database>,
  target: SyncTarget,
  update: DistrictUpdate,
): Promise<string> {
  const at = deps.ports.clock.now().toISOString();
  switch (update.kind) {
    case 'application-status': {
      const payload = applicationStatusPayload.safeParse(update.payload);
      if (!payload.success) return 'malformed';
      const row = await applicationForStatus(trx, update.subjectId);
      if (!row) return 'unknown-subject';
      if (payload.data.status === 'dikembalikan') return reopenAtDesk(deps, trx, row, payload.data);
      if (row.status === payload.data.status) return 'unchanged';
      // "Sent" and "being processed" never take an application away from the desk that is still
      // working on it; the district's final word (selesai, ditolak) always applies.
      const isProgress = payload.data.status === 'dikirim' || payload.data.status === 'diproses';
      if (isProgress && DESK_STATUSES.has(row.status)) return 'kept-desk-status';
      await changeStatus(trx, {
        applicationId: row.id,
        status: payload.data.status,
        at: payload.data.at,
        actor: `${DISTRICT_ACTOR}: ${payload.data.by}`,
        actorUserId: null,
        note: payload.data.reason,
      });
      await recordAudit(
        deps,
        trx,
        DISTRICT,
        'sync.application-status',
        {
          number: row.number,
          from: row.status,
          status: payload.data.status,
          reason: payload.data.reason,
        },
        row.applicant_nik,
      );
      return 'applied';
    }
    case 'recording-status': {
      const payload = recordingStatusPayload.safeParse(update.payload);
      if (!payload.success) return 'malformed';
      const result = await applyDistrictRecordingStatus(
        deps,
        trx,
        {
          id: update.subjectId,
          status: payload.data.status,
          at: payload.data.at,
          note: payload.data.note ?? undefined,
        },
        'district',
      );
      if (!result.ok)
        return result.error.code === 'NOT_FOUND'
          ? 'unknown-subject'
          : `refused: ${result.error.message}`.slice(0, 200);
      return result.value.isChanged ? 'applied' : 'unchanged';
    }
    case 'issued-document': {
      const issued = await applyIssuedDocument(trx, target.districtSigningKey, update.payload, at);
      if (issued.outcome !== 'applied') return issued.outcome;
      await recordAudit(deps, trx, DISTRICT, 'sync.document-issued', {
        documentNumber: issued.documentNumber,
        kind: issued.kind,
        pdfSha256: issued.pdfSha256,
      });
      return 'applied';
    }
    case 'revocation': {
      const payload = revocationPayload.safeParse(update.payload);
      if (!payload.success) return 'malformed';
      const { documentNumber, reason, revokedAt } = payload.data;
      await insertRevocation(trx, {
        document_number: documentNumber,
        reason,
        revoked_at: revokedAt,
        received_at: at,
      });
      await recordAudit(deps, trx, DISTRICT, 'sync.document-revoked', { documentNumber, reason });
      return 'applied';
    }
  }
}

/**
 * The district returned the application (`dikembalikan`): it opens again at this station's desk
 * as `berkas-kurang` with the district's note (the desk inbox lists it, the desk's application
 * screen and the kiosk status check show the note). Once the desk fixes it and approves it, the
 * outbox sends it again and the district's queue takes it back as new.
 */
async function reopenAtDesk(
  deps: CoreDeps,
  trx: Kysely<Database>,
  row: { id: string; status: string; number: string; applicant_nik: string | null },
  payload: { reason: string | null; by: string; at: string },
): Promise<string> {
  await changeStatus(trx, {
    applicationId: row.id,
    status: DISTRICT_RETURN_STATUS,
    at: payload.at,
    actor: `${DISTRICT_ACTOR}: ${payload.by}`,
    actorUserId: null,
    note: payload.reason,
  });
  await recordAudit(
    deps,
    trx,
    DISTRICT,
    'sync.application-status',
    {
      number: row.number,
      from: row.status,
      status: DISTRICT_RETURN_STATUS,
      district: 'dikembalikan',
      reason: payload.reason,
    },
    row.applicant_nik,
  );
  return 'applied';
}
