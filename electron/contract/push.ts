import type { SessionInfo } from './station';

/** Events the core pushes to connections. Routed per connection or fanned out to all. */
export interface PushEvents {
  'queue-changed': { waiting: number; lastNumber: string };
  'session-changed': SessionInfo;
  progress: { taskId: string; done: number; total: number | null; label: string };
}

export type PushName = keyof PushEvents;
