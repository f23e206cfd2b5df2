import type { DecisionHandlers } from '../../contract/office/decision';
import type { OfficeHandlerMap } from './handler';

/** Back-office handlers of the decision area (issue 15). */
export const decisionHandlers: OfficeHandlerMap<keyof DecisionHandlers> = {};
