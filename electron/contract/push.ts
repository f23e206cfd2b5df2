import type { DeviceRead, DeviceStatus } from './devices';
import type { LanStatus } from './lan';
import type { OutreachBoard, QueueDisplayState } from './outreach';
import type { SessionInfo } from './station';

/** Events the core pushes to connections. Routed per connection or fanned out to all. */
export interface PushEvents {
  'queue-changed': { waiting: number; lastNumber: string };
  'session-changed': SessionInfo;
  /** Every change of a device's state (plugged, unplugged, error, training). */
  'device-status': DeviceStatus[];
  /** A card UID or scanned text from a configured device. */
  'device-read': DeviceRead;
  /** Outreach: the leader's live board changed (to supervisors' screens). */
  'outreach-board': OutreachBoard;
  /** Outreach: a number was called (or called again) at a desk: the queue display announces it. */
  'outreach-called': { number: string; desk: string; label: string; at: string; repeat: boolean };
  /** Outreach: the queue display's whole state (after every arrival, call or finish). */
  'outreach-display': QueueDisplayState;
  /** Outreach: visits changed (arrival, call, service status): desks reload their list. */
  'outreach-visits-changed': { eventId: string };
  /** LAN: a device was paired, connected, disconnected or removed (host screens). */
  'lan-changed': LanStatus;
  progress: { taskId: string; done: number; total: number | null; label: string };
}

export type PushName = keyof PushEvents;
