import type { SessionHandlers } from '../../contract/office/session';
import type { OfficeHandlerMap } from './handler';

/** Back-office handlers of the session area (issue 15). */
export const sessionHandlers: OfficeHandlerMap<keyof SessionHandlers> = {};
