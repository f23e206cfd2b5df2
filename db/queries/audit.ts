import { createHash, createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../schema';
import { getSetting, putSetting } from './settings';

export const AUDIT_GENESIS = '0'.repeat(64);
const HEAD_KEY = 'audit.head';

export interface AuditInput {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  /** A NIK the entry is about; stored only as a keyed hash. */
  subjectNik?: string | null;
  detail: Record<string, unknown>;
}

interface AuditHead {
  seq: number;
  hash: string;
}

/** Keyed hash of a NIK: the same NIK always gives the same value, but only with the key. */
export function hashSubject(key: Buffer, nik: string): string {
  return createHmac('sha256', key).update(nik).digest('hex');
}

/** The chain hash of one entry: its fields and the hash before it (prev_hash). */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actor,
    row.role,
    row.action,
    row.subject_hash,
    row.detail,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one entry to the hash chain. Call inside the transaction of the change it records,
 * so the change and its audit entry commit together or not at all.
 */
export async function appendAudit(
  db: Kysely<Database>,
  subjectKey: Buffer,
  input: AuditInput,
): Promise<number> {
  const head = (await getSetting<AuditHead>(db, HEAD_KEY)) ?? { seq: 0, hash: AUDIT_GENESIS };
  const base = {
    seq: head.seq + 1,
    id: input.id,
    at: input.at,
    actor: input.actor,
    role: input.role,
    action: input.action,
    subject_hash: input.subjectNik ? hashSubject(subjectKey, input.subjectNik) : null,
    detail: JSON.stringify(input.detail),
    prev_hash: head.hash,
  };
  const hash = auditRowHash(base);
  await db
    .insertInto('audit_log')
    .values({ ...base, hash })
    .execute();
  await putSetting(db, HEAD_KEY, { seq: base.seq, hash } satisfies AuditHead, input.at);
  return base.seq;
}

export async function listAudit(
  db: Kysely<Database>,
  options: { limit: number; beforeSeq?: number | undefined },
): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(options.limit);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  return query.execute();
}

export type ChainCheck =
  | { isIntact: true; checked: number }
  | {
      isIntact: false;
      checked: number;
      brokenAtSeq: number;
      reason: 'hash' | 'link' | 'gap' | 'head';
    };

/**
 * Walks the whole chain: every row's hash, every link to the previous row, no missing sequence
 * numbers, and the stored head (which catches deletion of the newest rows).
 */
export async function verifyAuditChain(db: Kysely<Database>, batch = 5000): Promise<ChainCheck> {
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const row of rows) {
      const checked = expectedSeq - 1;
      if (row.seq !== expectedSeq)
        return { isIntact: false, checked, brokenAtSeq: expectedSeq, reason: 'gap' };
      if (row.prev_hash !== prevHash)
        return { isIntact: false, checked, brokenAtSeq: row.seq, reason: 'link' };
      if (auditRowHash(row) !== row.hash)
        return { isIntact: false, checked, brokenAtSeq: row.seq, reason: 'hash' };
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < batch) break;
  }
  const checked = expectedSeq - 1;
  const head = (await getSetting<AuditHead>(db, HEAD_KEY)) ?? { seq: 0, hash: AUDIT_GENESIS };
  if (head.seq !== checked || head.hash !== prevHash) {
    return {
      isIntact: false,
      checked,
      brokenAtSeq: Math.min(head.seq, checked + 1),
      reason: 'head',
    };
  }
  return { isIntact: true, checked };
}
