import { z } from 'zod';
import { fail, ok, type RecordingDetail, type Result } from '../../contract';
import { getRecordingHead, recordingEvents } from '../../../db/queries/recordings';
import type { CoreDeps } from '../deps';
import { toDetail } from './view';

export const RECORDING_ID = z.string().min(1).max(64);

/** The answer of the handlers that change a recording: the recording as it is now. */
export async function recordingDetail(
  deps: CoreDeps,
  id: string,
): Promise<Result<RecordingDetail>> {
  const row = await getRecordingHead(deps.db, id);
  if (!row) return fail('NOT_FOUND', `No recording ${id}`);
  return ok(toDetail(deps, row, await recordingEvents(deps.db, id)));
}
