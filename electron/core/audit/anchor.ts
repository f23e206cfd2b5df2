import type { Kysely } from 'kysely';
import type { AuditVerifyResult } from '../../contract';
import { AUDIT_GENESIS, verifyAuditChain, type ChainCheck } from '../../../db/queries/audit';
import type { Database } from '../../../db/schema';
import { verifyDocument } from '../../protocol/canonical';
import { receiptSchema } from '../../protocol/documents';
import type { AuditPoint, ManifestAudit } from '../../protocol/packet/format';
import { publicKeyFromRaw } from '../../protocol/packet/keys';

/**
 * Audit anchoring (issue 13 finding 1.8; docs/sync-packets.md, "Audit anchor"). Anyone with the
 * data folder and its key file can delete audit entries and recompute the hash chain so that it
 * verifies again. What they cannot do is change what the district already holds: every packet's
 * signed manifest carries the station's audit head, the hub keeps it, and the district-signed
 * receipt echoes it back into sync_packets.receipt.
 */

/** The hash of the verified entry at `seq` (the genesis for 0), or null when there is none. */
async function verifiedHashAt(
  db: Kysely<Database>,
  check: ChainCheck,
  seq: number,
): Promise<string | null> {
  if (seq === 0) return AUDIT_GENESIS;
  // verifyAuditChain recomputed every entry up to `checked` from the genesis: a stored hash there
  // is the chain's own; past that point nothing is trusted.
  if (seq > check.checked) return null;
  const row = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.hash ?? null;
}

/**
 * The anchor for the packet being built: the audit head, whether the whole chain verifies, and
 * the hash now at the head the previously built packet carried. That hash comes only from a
 * chain recomputed from its first entry, so a rewritten chain cannot restate an old anchor's hash
 * without the old entries.
 */
export async function packetAuditAnchor(db: Kysely<Database>): Promise<ManifestAudit> {
  const check = await verifyAuditChain(db);
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const head: AuditPoint = last
    ? { seq: last.seq, hash: last.hash }
    : { seq: 0, hash: AUDIT_GENESIS };
  // The anchored packet built last (a discarded packet's row is deleted, so never named).
  const previous = await db
    .selectFrom('sync_packets')
    .select(['id', 'audit_seq'])
    .where('audit_seq', 'is not', null)
    .where('built_order', 'is not', null)
    .orderBy('built_order', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    head,
    isIntact: check.isIntact,
    previous:
      previous && previous.audit_seq !== null
        ? {
            packetId: previous.id,
            seq: previous.audit_seq,
            hash: await verifiedHashAt(db, check, previous.audit_seq),
          }
        : null,
  };
}

/** An anchor the district signed: from the receipt of one of this station's packets. */
interface SignedAnchor extends AuditPoint {
  packetId: string;
  receivedAt: string;
}

/**
 * The anchors in this station's stored receipts whose district signature verifies. A receipt
 * that does not verify is not the district's and proves nothing either way.
 */
async function signedAnchors(
  db: Kysely<Database>,
  districtSigningKey: Uint8Array,
): Promise<SignedAnchor[]> {
  const key = publicKeyFromRaw('ed25519', districtSigningKey);
  const rows = await db
    .selectFrom('sync_packets')
    .select(['id', 'receipt'])
    .where('receipt', 'is not', null)
    .execute();
  const anchors: SignedAnchor[] = [];
  for (const row of rows) {
    let value: unknown;
    try {
      value = JSON.parse(row.receipt ?? '');
    } catch {
      continue;
    }
    const parsed = receiptSchema.safeParse(value);
    if (!parsed.success || !parsed.data.auditAnchor || parsed.data.packetId !== row.id) continue;
    if (!verifyDocument(key, parsed.data)) continue;
    anchors.push({
      packetId: row.id,
      seq: parsed.data.auditAnchor.seq,
      hash: parsed.data.auditAnchor.hash,
      receivedAt: parsed.data.receivedAt,
    });
  }
  return anchors.sort((a, b) => a.seq - b.seq || a.receivedAt.localeCompare(b.receivedAt));
}

/**
 * `audit-verify`: the chain on its own (every hash, link and the head), then every anchor the
 * district signed: the entry at the anchored seq must still have the anchored hash. A chain
 * recomputed after entries were deleted or changed verifies on its own, but not against the
 * district's receipts; the first anchor that fails dates the rewrite ("rewritten before").
 */
export async function verifyAuditWithAnchors(
  db: Kysely<Database>,
  districtSigningKey: Uint8Array | null,
): Promise<AuditVerifyResult> {
  const check = await verifyAuditChain(db);
  const anchors = districtSigningKey ? await signedAnchors(db, districtSigningKey) : [];
  for (const anchor of anchors) {
    if (anchor.seq > check.checked && !check.isIntact) break;
    const hash = await verifiedHashAt(db, check, anchor.seq);
    if (hash !== anchor.hash)
      return {
        isIntact: false,
        checked: check.checked,
        brokenAtSeq: anchor.seq,
        reason: 'anchor',
        rewrittenBefore: anchor.receivedAt,
        anchors: anchors.length,
      };
  }
  // `anchors` only when there were some: a station never synced answers as before anchoring.
  return anchors.length > 0 ? { ...check, anchors: anchors.length } : check;
}
