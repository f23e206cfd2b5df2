import type { RecordingsHandlers } from '../../contract/office/recordings';
import type { OfficeHandlerMap } from './handler';

/** Back-office handlers of the recordings area (issue 15). */
export const recordingsHandlers: OfficeHandlerMap<keyof RecordingsHandlers> = {};
