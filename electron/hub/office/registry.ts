import type { OfficeHandlerName } from '../../contract/office';
import { accountsHandlers } from './accounts';
import { decisionHandlers } from './decision';
import type { OfficeHandler, OfficeHandlerMap } from './handler';
import { queueHandlers } from './queue';
import { recordingsHandlers } from './recordings';
import { reportsOutreachHandlers } from './report-outreach';
import { reportsHandlers } from './reports';
import { sessionHandlers } from './session';
import { stationsHandlers } from './stations';

/** Every back-office handler, by name (office/server.ts routes `POST /office/api/<name>` here). */
export const OFFICE_HANDLERS: OfficeHandlerMap<OfficeHandlerName> = {
  ...sessionHandlers,
  ...accountsHandlers,
  ...queueHandlers,
  ...decisionHandlers,
  ...recordingsHandlers,
  ...stationsHandlers,
  ...reportsHandlers,
  ...reportsOutreachHandlers,
};

export function officeHandler(name: string): OfficeHandler<OfficeHandlerName> | null {
  return Object.hasOwn(OFFICE_HANDLERS, name)
    ? (OFFICE_HANDLERS[name as OfficeHandlerName] as OfficeHandler<OfficeHandlerName>)
    : null;
}
