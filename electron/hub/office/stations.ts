import type { StationsHandlers } from '../../contract/office/stations';
import type { OfficeHandlerMap } from './handler';

/** Back-office handlers of the stations area (issue 15). */
export const stationsHandlers: OfficeHandlerMap<keyof StationsHandlers> = {};
