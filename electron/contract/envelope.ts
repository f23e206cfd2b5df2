import type { Result } from './errors';
import type { PushName, PushEvents } from './push';

/** Wire messages shared by every transport (IPC, WebSocket, in-memory pair). */
export interface CallMessage {
  kind: 'call';
  id: number;
  name: string;
  args: unknown;
}

export interface ReplyMessage {
  kind: 'reply';
  id: number;
  result: Result<unknown>;
}

export interface PushMessage<N extends PushName = PushName> {
  kind: 'push';
  name: N;
  payload: PushEvents[N];
}

export type ServerMessage = ReplyMessage | PushMessage;
