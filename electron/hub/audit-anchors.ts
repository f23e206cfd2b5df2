import type { Insertable, Kysely } from 'kysely';
import type { HubAuditAnchorsTable, HubDatabase } from '../../db/hub-schema';
import { anchorOfPacket, anchorsAfterPacket, otherAnchors } from '../../db/queries/hub-anchors';
import type { PacketManifest } from '../protocol/packet/format';

/**
 * Audit anchors at the hub (issue 13 finding 1.8; docs/sync-protocol.md, "Audit anchors"). Each
 * packet's signed manifest carries the station's audit head and restates the hash now found at
 * the head its previous packet carried. The hub keeps every anchor and compares: a station whose
 * chain was rewritten below an anchor the district holds cannot restate that anchor's hash
 * without the old entries. A failed check flags the anchor (stored, echoed in the receipt); the
 * packet's records are kept all the same: an application is not lost over an audit problem.
 */

export type AnchorFlag = 'AUDIT_REWRITTEN' | 'AUDIT_UNLINKED' | 'AUDIT_BROKEN';

/** A packet without an anchor from a station that has sent anchors before: refused. */
export const ANCHOR_MISSING = 'AUDIT_ANCHOR_MISSING';

/**
 * Checks the manifest's anchor against what the hub holds for the unit and returns the row to
 * store (null for a manifest without an anchor). Call inside the transaction that stores it, so
 * two packets of one station committing at once see each other.
 */
export async function evaluateAnchor(
  db: Kysely<HubDatabase>,
  unitId: string,
  manifest: PacketManifest,
  at: string,
): Promise<Insertable<HubAuditAnchorsTable> | null> {
  const audit = manifest.audit;
  if (!audit) return null;
  const problems: { flag: AnchorFlag; message: string }[] = [];
  const { head, previous } = audit;
  const named = previous ? await anchorOfPacket(db, unitId, previous.packetId) : undefined;
  if (previous && named && (previous.seq !== named.seq || previous.hash !== named.hash))
    problems.push({
      flag: 'AUDIT_REWRITTEN',
      message:
        previous.hash === null
          ? `audit entry ${named.seq}, anchored by packet ${named.packet_id} received ${named.received_at}, is no longer in the station's verified chain`
          : `audit entry ${named.seq}, anchored by packet ${named.packet_id} received ${named.received_at}, now has another hash`,
    });
  // A later packet that arrived first restated this packet's head: it must be the same.
  const later = await anchorsAfterPacket(db, unitId, manifest.packetId);
  for (const row of later)
    if (row.prev_seq !== head.seq || row.prev_hash !== head.hash)
      problems.push({
        flag: 'AUDIT_REWRITTEN',
        message: `packet ${row.packet_id}, built later, found another entry at seq ${head.seq} than this packet's head`,
      });
  if (!previous) {
    const held = await otherAnchors(db, unitId, manifest.packetId);
    if (held.length > 0)
      problems.push({
        flag: 'AUDIT_UNLINKED',
        message: `the packet names no earlier anchor, but the district holds ${held.length} from this station`,
      });
  } else if (named) {
    // The station names its last packet; one the hub holds that was built between that one and
    // this one was skipped (its packet row deleted at the station, to name an older anchor).
    const skipped = await otherAnchors(db, unitId, manifest.packetId, {
      after: named.created_at,
      before: manifest.createdAt,
    });
    if (skipped.length > 0)
      problems.push({
        flag: 'AUDIT_UNLINKED',
        message: `the packet names packet ${named.packet_id}, but ${skipped.length} later packet(s) of this station reached the district (${skipped[0]?.packet_id})`,
      });
  }
  if (!audit.isIntact)
    problems.push({
      flag: 'AUDIT_BROKEN',
      message: `the station's own audit chain did not verify when the packet was built (head ${head.seq})`,
    });

  return {
    packet_id: manifest.packetId,
    unit_id: unitId,
    seq: head.seq,
    hash: head.hash,
    is_intact: audit.isIntact ? 1 : 0,
    prev_packet_id: previous?.packetId ?? null,
    prev_seq: previous?.seq ?? null,
    prev_hash: previous?.hash ?? null,
    created_at: manifest.createdAt,
    received_at: at,
    flag: problems[0]?.flag ?? null,
    flag_message: problems.length
      ? problems
          .map((p) => p.message)
          .join('; ')
          .slice(0, 2000)
      : null,
  };
}
