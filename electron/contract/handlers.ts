import type {
  AuditEntry,
  AuditVerifyResult,
  QueueTicket,
  ServiceItem,
  SessionInfo,
  StationMode,
  StationStatus,
} from './station';
import type { NikCheckArgs, NikCheckResult } from './registry';

type Empty = Record<string, never>;

/**
 * The whole backend API: one entry per handler, `<domain>-<verb>`, one argument, one result.
 * The core registers each with a schema and a least role; the renderer sends through `send()`.
 */
export interface Handlers {
  'station-status': { args: Empty; result: StationStatus };
  'session-get': { args: Empty; result: SessionInfo };
  /** Training stations only: switch this connection between kiosk and officer without a login. */
  'session-demo-switch': { args: { mode: StationMode }; result: SessionInfo };
  'kiosk-services': { args: Empty; result: ServiceItem[] };
  'kiosk-ticket-take': { args: { serviceCode: string }; result: QueueTicket };
  'queue-list': { args: { limit: number }; result: QueueTicket[] };
  'audit-list': { args: { limit: number; beforeSeq?: number | undefined }; result: AuditEntry[] };
  'audit-verify': { args: Empty; result: AuditVerifyResult };
  /** Structure and plausibility of a NIK, with the region table and optional biodata. */
  'registry-nik-check': { args: NikCheckArgs; result: NikCheckResult };
}

export type HandlerName = keyof Handlers;
export type HandlerArgs<N extends HandlerName> = Handlers[N]['args'];
export type HandlerResult<N extends HandlerName> = Handlers[N]['result'];
