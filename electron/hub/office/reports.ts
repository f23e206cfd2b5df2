import type { ReportsHandlers } from '../../contract/office/reports';
import type { OfficeHandlerMap } from './handler';

/** Back-office handlers of the reports area (issue 15). */
export const reportsHandlers: OfficeHandlerMap<keyof ReportsHandlers> = {};
