/**
 * The back-office API (issue 15): each handler's input and output, like the station's Handlers
 * map. Each area of the back-office declares its handlers in its own file here; this interface
 * joins them. Handler names are `<area>-<verb>` (area = file name).
 */
import type { SessionHandlers } from './session';
import type { AccountsHandlers } from './accounts';
import type { QueueHandlers } from './queue';
import type { DecisionHandlers } from './decision';
import type { RecordingsHandlers } from './recordings';
import type { StationsHandlers } from './stations';
import type { ReportsHandlers, ReportsOutreachHandlers } from './reports';

export interface OfficeHandlers
  extends
    SessionHandlers,
    AccountsHandlers,
    QueueHandlers,
    DecisionHandlers,
    RecordingsHandlers,
    StationsHandlers,
    ReportsHandlers,
    ReportsOutreachHandlers {}

export type OfficeHandlerName = keyof OfficeHandlers;
export type OfficeArgs<N extends OfficeHandlerName> = OfficeHandlers[N]['args'];
export type OfficeResult<N extends OfficeHandlerName> = OfficeHandlers[N]['result'];
