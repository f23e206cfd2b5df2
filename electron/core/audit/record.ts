import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { appendAudit } from '../../../db/queries/audit';
import type { Session } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';

/**
 * Writes one audit entry for the acting session. Pass the transaction of the change it records.
 * Actor is the signed-in user, or the role for an anonymous kiosk.
 */
export function recordAudit(
  deps: CoreDeps,
  db: Kysely<Database>,
  session: Pick<Session, 'role' | 'userName'>,
  action: string,
  detail: Record<string, unknown>,
  subjectNik: string | null = null,
): Promise<number> {
  return appendAudit(db, deps.auditKey, {
    id: deps.ports.ids.uuid(),
    at: deps.ports.clock.now().toISOString(),
    actor: session.userName ?? session.role,
    role: session.role,
    action,
    subjectNik,
    detail,
  });
}

/**
 * An entry that records no other change (a print, a look-up) in its own short transaction: the
 * chain head is read and then written, and outside a transaction another entry written at the
 * same moment could read the same head and break the chain.
 */
export function recordAuditAlone(
  deps: CoreDeps,
  session: Pick<Session, 'role' | 'userName'>,
  action: string,
  detail: Record<string, unknown>,
  subjectNik: string | null = null,
): Promise<number> {
  return deps.db
    .transaction()
    .execute((trx) => recordAudit(deps, trx, session, action, detail, subjectNik));
}
