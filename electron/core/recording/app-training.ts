import { z } from 'zod';
import { fail } from '../../contract';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { RECORDING_ID, recordingDetail } from './read';
import { applyDistrictRecordingStatus } from './lifecycle';

/**
 * recording-training-district: on a training station the training panel plays the district and
 * sends what sync would bring (terkirim, PRR, duplicate), through the same function sync calls.
 */
export function registerTrainingDistrict(app: App, deps: CoreDeps): void {
  app.method('recording-training-district', {
    role: 'operator',
    args: z.strictObject({
      id: RECORDING_ID,
      status: z.enum(['terkirim', 'prr', 'duplicate']),
      at: z.iso.datetime({ offset: true }),
      note: z.string().trim().max(300).optional(),
    }),
    run: async (args, ctx) => {
      if (deps.unit.is_training !== 1)
        return fail('NOT_TRAINING', 'Only a training station simulates the district');
      const applied = await deps.db
        .transaction()
        .execute((trx) => applyDistrictRecordingStatus(deps, trx, args, 'training', ctx.session));
      return applied.ok ? recordingDetail(deps, args.id) : applied;
    },
  });
}
