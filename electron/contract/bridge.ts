import type { CallMessage, PushMessage } from './envelope';
import type { Result } from './errors';

/** What the preload exposes as `window.bridge`; nothing else crosses from Electron. */
export interface Bridge {
  call(message: Omit<CallMessage, 'kind' | 'id'>): Promise<Result<unknown>>;
  onPush(listener: (message: PushMessage) => void): () => void;
  platform: string;
}

export const IPC_CALL_CHANNEL = 'lm:call';
export const IPC_PUSH_CHANNEL = 'lm:push';
