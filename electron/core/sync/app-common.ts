import { z } from 'zod';
import { failWith } from '../../contract';
import type { CallContext } from '../../transport/dispatcher';

/** What the sync handler files (app.ts, app-usb.ts) share. */

export const empty = z.strictObject({});

export const NOT_ENROLLED = failWith(
  'CONFLICT',
  'NOT_ENROLLED',
  'This station is not enrolled with the district',
);

const PROGRESS_INTERVAL_MS = 250;

/** Progress pushes to the caller, at most one per PROGRESS_INTERVAL_MS but always the last. */
export function throttledProgress(
  ctx: CallContext,
  label: string,
): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    ctx.push('progress', { taskId: 'sync', done, total, label });
  };
}
