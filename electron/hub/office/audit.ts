import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HubDatabase, OfficeAuditRow } from '../../../db/hub-schema';
import {
  insertOfficeAudit,
  lockOfficeAuditHead,
  officeAuditHead,
  officeAuditPage,
} from '../../../db/queries/office-accounts';
import type { OfficeAuditEntry } from '../../contract/office/accounts';
import { canonicalJson } from '../../protocol/canonical';

/**
 * The back-office's audit at the hub (issue 15): every change and every login, in a hash chain.
 * Each entry's hash is sha256(prev_hash + canonical JSON of the entry), so an edited, removed or
 * inserted row breaks the chain from there on; the head row (office_audit_head) names the last
 * entry, so a cut-off tail is found too. Appends take turns on the head row (PostgreSQL) and seq
 * numbers have no gaps.
 */
export const OFFICE_AUDIT_GENESIS = '0'.repeat(64);

/** Who did it: a signed-in user, a login attempt (no id) or the command line (`cli`). */
export interface OfficeActor {
  userId: string | null;
  userName: string;
  role: string;
}

/** The command line on the server itself (admin-create, the CLI decisions). */
export const CLI_ACTOR: OfficeActor = { userId: null, userName: 'cli', role: 'cli' };

type Db = Kysely<HubDatabase>;

export function officeAuditHash(row: Omit<OfficeAuditRow, 'hash'>): string {
  const entry = canonicalJson({
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    userName: row.user_name,
    role: row.role,
    action: row.action,
    detail: row.detail,
  });
  return createHash('sha256').update(row.prev_hash).update(entry).digest('hex');
}

/**
 * Appends one entry. Pass the transaction of the change it records (they commit together); with
 * the plain database it runs in its own transaction.
 */
export async function appendOfficeAudit(
  db: Db,
  actor: OfficeActor,
  action: string,
  detail: Record<string, unknown>,
  at: string,
): Promise<number> {
  if (!db.isTransaction)
    return db.transaction().execute((trx) => appendOfficeAudit(trx, actor, action, detail, at));
  const head = await lockOfficeAuditHead(db);
  const base = {
    seq: head.seq + 1,
    at,
    user_id: actor.userId,
    user_name: actor.userName,
    role: actor.role,
    action,
    detail: canonicalJson(detail),
    prev_hash: head.hash,
  };
  await insertOfficeAudit(db, { ...base, hash: officeAuditHash(base) });
  return base.seq;
}

export interface OfficeAuditCheck {
  ok: boolean;
  entries: number;
  /** The first seq whose hash, link or number does not hold (or the missing tail's first). */
  brokenAt?: number;
}

/** Walks the whole chain, a page at a time. */
export async function verifyOfficeAudit(db: Db): Promise<OfficeAuditCheck> {
  const PAGE = 500;
  let prev = { seq: 0, hash: OFFICE_AUDIT_GENESIS };
  let entries = 0;
  for (;;) {
    const rows = await officeAuditPage(db, prev.seq, PAGE);
    for (const row of rows) {
      const { hash, ...base } = row;
      if (row.seq !== prev.seq + 1 || row.prev_hash !== prev.hash || officeAuditHash(base) !== hash)
        return { ok: false, entries, brokenAt: prev.seq + 1 };
      prev = { seq: row.seq, hash };
      entries += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await officeAuditHead(db);
  if (head.seq !== prev.seq || head.hash !== prev.hash)
    return { ok: false, entries, brokenAt: prev.seq + 1 };
  return { ok: true, entries };
}

export function officeAuditEntry(row: OfficeAuditRow): OfficeAuditEntry {
  let detail: Record<string, unknown>;
  try {
    detail = JSON.parse(row.detail) as Record<string, unknown>;
  } catch {
    detail = { unreadable: row.detail };
  }
  return {
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    userName: row.user_name,
    role: row.role,
    action: row.action,
    detail,
    hash: row.hash,
  };
}
