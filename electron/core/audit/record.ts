import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { appendAudit } from '../../../db/queries/audit';
import type { Session } from '../../transport/dispatcher';
import { officerName } from '../common/officer';
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
  // The chain head is read and then written: outside a transaction another entry written at the
  // same moment reads the same head (UNIQUE seq fails; found by the load bench with concurrent
  // station-demo-switch calls). So an entry passed the plain database gets a transaction of its own.
  if (!db.isTransaction) {
    return db
      .transaction()
      .execute((trx) => recordAudit(deps, trx, session, action, detail, subjectNik));
  }
  return appendAudit(db, deps.auditKey, {
    id: deps.ports.ids.uuid(),
    at: deps.ports.clock.now().toISOString(),
    actor: officerName(session),
    role: session.role,
    action,
    subjectNik,
    detail,
  });
}

/** Identical entries that record no other change are coalesced for this long (finding 1.9). */
export const COALESCE_WINDOW_MS = 5 * 60_000;

/** The last entry written alone, and how many identical ones were not written since. */
interface Run {
  key: string;
  session: Pick<Session, 'role' | 'userName'>;
  action: string;
  detail: Record<string, unknown>;
  subjectNik: string | null;
  startedMs: number;
  seq: Promise<number>;
  repeats: number;
  firstRepeatAt: string | null;
  lastRepeatAt: string | null;
}

/** One open run per station database. */
const runs = new WeakMap<object, Run>();

/**
 * An entry that records no other change (a print, a look-up) in its own short transaction: the
 * chain head is read and then written, and outside a transaction another entry written at the
 * same moment could read the same head and break the chain.
 *
 * Issue 13 finding 1.9: an anonymous (kiosk-role) entry identical to the previous one written here
 * (same actor, role, action, subject and detail) within COALESCE_WINDOW_MS of the first is not
 * written again; it is
 * counted, and when the run ends (a different entry is written here, the window passes, or the
 * station closes) one `audit.repeated` entry records how many there were and when. Rows are only
 * ever appended, so the hash chain stays verifiable (docs/decisions.md, "Kiosk limits and
 * load"). Entries written with a change (recordAudit) and officers' entries are never coalesced.
 */
export function recordAuditAlone(
  deps: CoreDeps,
  session: Pick<Session, 'role' | 'userName'>,
  action: string,
  detail: Record<string, unknown>,
  subjectNik: string | null = null,
): Promise<number> {
  const now = deps.ports.clock.now();
  const key = JSON.stringify([officerName(session), session.role, action, subjectNik, detail]);
  const run = runs.get(deps.db);
  // Only anonymous callers (the kiosk role) can repeat an entry at machine speed; an officer's
  // every read stays its own row.
  const isCoalesced = session.role === 'kiosk';
  if (isCoalesced && run && run.key === key && now.getTime() - run.startedMs < COALESCE_WINDOW_MS) {
    run.repeats += 1;
    run.firstRepeatAt ??= now.toISOString();
    run.lastRepeatAt = now.toISOString();
    return run.seq;
  }
  // Decided before the first await, so calls arriving meanwhile join the new run in order.
  const ended = run && run.repeats > 0 ? run : null;
  const next: Run = {
    key,
    session: { role: session.role, userName: session.userName },
    action,
    detail,
    subjectNik,
    startedMs: now.getTime(),
    seq: Promise.resolve(0),
    repeats: 0,
    firstRepeatAt: null,
    lastRepeatAt: null,
  };
  runs.set(deps.db, next);
  next.seq = deps.db.transaction().execute(async (trx) => {
    if (ended) await writeRepeats(deps, trx, ended);
    return recordAudit(deps, trx, session, action, detail, subjectNik);
  });
  next.seq.catch(() => {
    // Not written: the next identical entry must be written, not counted.
    if (runs.get(deps.db) === next) runs.delete(deps.db);
  });
  return next.seq;
}

/**
 * Writes the summary of the open run, if it counted repeats (station close; the audit screen
 * before listing may call it too). Returns whether an entry was written.
 */
export async function flushAuditRepeats(deps: CoreDeps): Promise<boolean> {
  const run = runs.get(deps.db);
  runs.delete(deps.db);
  if (!run || run.repeats === 0) return false;
  await deps.db.transaction().execute((trx) => writeRepeats(deps, trx, run));
  return true;
}

async function writeRepeats(deps: CoreDeps, trx: Kysely<Database>, run: Run): Promise<void> {
  const repeatOf = await run.seq.catch(() => null);
  await recordAudit(
    deps,
    trx,
    run.session,
    'audit.repeated',
    {
      action: run.action,
      detail: run.detail,
      repeatOf,
      repeats: run.repeats,
      from: run.firstRepeatAt,
      to: run.lastRepeatAt,
    },
    run.subjectNik,
  );
}
