import type { QueueHandlers } from '../../contract/office/queue';
import type { OfficeHandlerMap } from './handler';

/** Back-office handlers of the queue area (issue 15). */
export const queueHandlers: OfficeHandlerMap<keyof QueueHandlers> = {};
