import { z } from 'zod';
import { failWith, type Result } from '../../contract';
import type { Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import type { OutreachSignals } from './signals';
import { runTrainingEvent, TRAINING_MAX_VISITORS, type StartEvent } from './training';

/** The `progress` task id of a training run of an event (the panel listens for it). */
export function trainingTaskId(eventId: string): string {
  return `outreach-training:${eventId}`;
}

/**
 * outreach-training-run (issue 16 item 7; docs/outreach-training.md): a whole synthetic event day
 * on a training station. One run at a time per station; progress as `progress` pushes to the
 * calling screen after each finished visit.
 */
export function registerOutreachTraining(
  app: Dispatcher,
  deps: CoreDeps,
  signals: OutreachSignals,
): void {
  let running: string | null = null;
  // A planned event is started by the plan part's own start, readiness rules and all.
  const start: StartEvent = (eventId): Promise<Result<unknown>> =>
    Promise.resolve(
      failWith('CONFLICT', 'EVENT_NOT_RUNNING', `Start event ${eventId} on its plan page first`),
    );

  app.method('outreach-training-run', {
    role: 'supervisor',
    args: z.strictObject({
      eventId: z.string().min(1).max(64),
      visitors: z.number().int().min(1).max(TRAINING_MAX_VISITORS),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1),
    }),
    run: async (args, ctx) => {
      if (deps.unit.is_training !== 1)
        return failWith(
          'NOT_TRAINING',
          'NOT_TRAINING',
          'Synthetic events run only on training stations',
        );
      if (running !== null)
        return failWith('CONFLICT', 'TRAINING_RUNNING', `A training run of ${running} is going`);
      running = args.eventId;
      const taskId = trainingTaskId(args.eventId);
      try {
        return await runTrainingEvent(deps, signals, args, ctx.session, start, (done, total) =>
          ctx.push('progress', {
            taskId,
            done,
            total,
            label: `${done} dari ${total} pengunjung latihan selesai dilayani`,
          }),
        );
      } finally {
        running = null;
      }
    },
  });
}
