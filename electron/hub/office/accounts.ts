import type { AccountsHandlers } from '../../contract/office/accounts';
import type { OfficeHandlerMap } from './handler';

/** Back-office handlers of the accounts area (issue 15). */
export const accountsHandlers: OfficeHandlerMap<keyof AccountsHandlers> = {};
