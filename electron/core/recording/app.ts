import { z } from 'zod';
import { offlineGuard } from '../sync/status';
import { fail, failWith, ok } from '../../contract';
import {
  countRecordingsByStatus,
  getRecordingHead,
  getRecordingImages,
  listRecordings,
  recordingEvents,
  RECORDING_STATUSES,
} from '../../../db/queries/recordings';
import type { App } from '../../transport/dispatcher';
import { LARGE_CALL_BYTES } from '../../transport/limits';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { createArgs, createRecording } from './create';
import { eligibilityOf, recordingSubject } from './eligibility';
import { handOver, handoverArgs } from './handover';
import { registerTrainingDistrict } from './app-training';
import { RECORDING_ID, recordingDetail } from './read';
import { toDetail, toSummary } from './view';

/** KTP-el recording (docs/ktp-recording.md): eligibility, create, read, hand over. */

export function registerRecording(app: App, deps: CoreDeps): void {
  app.method('recording-eligibility', {
    role: 'operator',
    args: z.strictObject({ subject: recordingSubject }),
    run: async (args, ctx) => {
      const judged = await eligibilityOf(deps, deps.db, args.subject);
      if (!judged.ok) return judged;
      const { person, eligibility } = judged.value;
      // Audited: the answer shows who the person is and whether they were recorded.
      const detail = { subject: args.subject, problems: eligibility.problems };
      await recordAuditAlone(deps, ctx.session, 'recording.eligibility', detail, person.nik);
      return ok(eligibility);
    },
  });

  app.method('recording-create', {
    role: 'operator',
    args: createArgs,
    maxBytes: LARGE_CALL_BYTES,
    run: async (args, ctx) => {
      // Issue 7 item 6: too long without a district receipt, or a nearly full disk, stops new
      // recordings (everything else keeps working) until the station syncs or frees space.
      const guard = await offlineGuard(deps);
      if (guard.level === 'block')
        return failWith(
          'CONFLICT',
          'RECORDING_BLOCKED',
          `New recordings are refused: ${guard.reasons.join(', ')}`,
        );
      const created = await createRecording(deps, ctx.session, args);
      return created.ok ? recordingDetail(deps, created.value) : created;
    },
  });

  app.method('recording-list', {
    role: 'operator',
    args: z.strictObject({
      status: z.enum(RECORDING_STATUSES).optional(),
      limit: z.number().int().min(1).max(200),
      offset: z.number().int().min(0).max(1_000_000).optional(),
    }),
    run: async (args) => {
      const counts = await countRecordingsByStatus(deps.db);
      const total = args.status
        ? counts[args.status]
        : Object.values(counts).reduce((a, b) => a + b, 0);
      const items = (await listRecordings(deps.db, args)).map(toSummary);
      return ok({ items, total, counts });
    },
  });

  app.method('recording-get', {
    role: 'operator',
    args: z.strictObject({ id: RECORDING_ID }),
    run: async (args, ctx) => {
      const row = await getRecordingHead(deps.db, args.id);
      if (!row) return fail('NOT_FOUND', `No recording ${args.id}`);
      const detail = { recordingId: args.id };
      await recordAuditAlone(deps, ctx.session, 'recording.viewed', detail, row.resident_nik);
      return ok(toDetail(deps, row, await recordingEvents(deps.db, args.id)));
    },
  });

  app.method('recording-portrait', {
    role: 'operator',
    args: z.strictObject({ id: RECORDING_ID }),
    run: async (args, ctx) => {
      const row = await getRecordingHead(deps.db, args.id);
      const images = row ? await getRecordingImages(deps.db, args.id) : null;
      if (!row || !images) return fail('NOT_FOUND', `No recording ${args.id}`);
      const detail = { recordingId: args.id, sha256: row.portrait_sha256 };
      await recordAuditAlone(
        deps,
        ctx.session,
        'recording.portrait-viewed',
        detail,
        row.resident_nik,
      );
      return ok({ jpegBase64: Buffer.from(images.portrait).toString('base64') });
    },
  });

  app.method('recording-handover', {
    role: 'operator',
    args: handoverArgs,
    run: async (args, ctx) => {
      const handed = await handOver(deps, ctx.session, args);
      return handed.ok ? recordingDetail(deps, args.id) : handed;
    },
  });

  registerTrainingDistrict(app, deps);
}
