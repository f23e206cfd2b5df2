import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, auditRowHash, verifyAuditChain } from '../../db/queries/audit';
import type { AuditRow } from '../../db/schema';
import { verifyAuditWithAnchors } from '../core/audit/anchor';
import { recordAudit } from '../core/audit/record';
import { desk, RINA, SRI } from '../testing/desk';
import { FileKeyStore } from '../protocol/key-store.file';
import type { Receipt } from '../protocol/documents';
import { PacketWriter } from '../protocol/packet/writer';
import { syncRun } from '../core/sync/run';
import type { fixedClock } from '../core/system-ports';
import { fillOutbox, syncWorld, type SyncWorld } from '../testing/sync';
import { HUB_BACKENDS } from '../testing/hub';

let world: SyncWorld;
describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    world = await syncWorld(backend);
  });
  afterEach(async () => world.dispose());

  const LOGINS = 300;

  /** Login entries as auth/app.ts writes them: each in the transaction of the login it records. */
  async function logins(count: number): Promise<void> {
    const { deps } = world.station;
    for (let i = 0; i < count; i += 1)
      await deps.db
        .transaction()
        .execute((trx) => recordAudit(deps, trx, SRI, 'auth.login', { userId: 'user-sri' }));
  }

  async function sync(): Promise<Receipt[]> {
    const summary = await syncRun(world.station.deps, world.keys, await world.target());
    expect(summary.failed).toEqual([]);
    const rows = await world.station.deps.db
      .selectFrom('sync_packets')
      .select('receipt')
      .where('receipt', 'is not', null)
      .execute();
    return rows.map((r) => JSON.parse(r.receipt as string) as Receipt);
  }

  function auditHead(): { seq: number; hash: string } {
    return world.station.deps.sqlite
      .prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get() as { seq: number; hash: string };
  }

  async function anchorsAtHub() {
    return world.hub.db.selectFrom('audit_anchors').selectAll().orderBy('received_at').execute();
  }

  /**
   * What the attacker does: opens station.db with the key file that lies beside it (a second
   * connection, as any tool would), deletes entries, renumbers and recomputes the whole chain with
   * the hashing of db/queries/audit.ts, and sets the stored head, so the chain verifies on its own.
   * `pad` appends forged entries until the head is back at its old sequence number.
   */
  function rewriteChain(where: string, pad = false): void {
    const key = new FileKeyStore(join(world.station.dataDir, 'keys')).load('database');
    if (!key) throw new Error('no database key file');
    const db = new SQLite(join(world.station.dataDir, 'station.db'));
    try {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${key.toString('hex')}'"`);
      db.pragma('busy_timeout = 5000');
      db.transaction(() => {
        const deleted = db.prepare(`DELETE FROM audit_log WHERE ${where}`).run().changes;
        // Forged entries, as many as were deleted, so the head is back at its old seq.
        for (let i = 1; pad && i <= deleted; i += 1)
          db.prepare(
            `INSERT INTO audit_log (seq, id, at, actor, role, action, subject_hash, detail,
             prev_hash, hash) VALUES (?, ?, '2026-11-29T02:00:00.000Z', 'Rina Kartika',
             'supervisor', 'queue.called', NULL, '{}', '', '')`,
          ).run(1_000_000 + i, `forged-${i}`);
        const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
        let prev = AUDIT_GENESIS;
        const move = db.prepare(
          'UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?',
        );
        rows.forEach((row, i) => {
          const seq = i + 1;
          const hash = auditRowHash({ ...row, seq, prev_hash: prev });
          move.run(seq, prev, hash, row.id);
          prev = hash;
        });
        db.prepare(`UPDATE settings SET value = ? WHERE key = 'audit.head'`).run(
          JSON.stringify({ seq: rows.length, hash: prev }),
        );
      })();
    } finally {
      db.close();
    }
  }

  describe('finding 1.8: audit anchors in packet manifests and district receipts', () => {
    it('finding 1.8: deleting login entries and recomputing the chain is caught by audit-verify with the receipts and flagged by the hub', async () => {
      const supervisor = desk(world.station).as(RINA);
      await fillOutbox(world, 1, 3);
      await logins(LOGINS);
      const first = await sync();
      expect(first).toHaveLength(1);
      const anchored = auditHead();
      // The hub stored the head the manifest carried and echoed it in its signed receipt.
      expect(first[0]?.auditAnchor).toEqual({ seq: anchored.seq, hash: anchored.hash, flag: null });
      expect(await anchorsAtHub()).toMatchObject([
        {
          unit_id: world.station.deps.unit.unit_id,
          seq: anchored.seq,
          hash: anchored.hash,
          flag: null,
        },
      ]);

      // An honest second sync links to the first anchor: no flag, both anchors verify.
      await logins(5);
      await fillOutbox(world, 0, 2);
      expect(await sync()).toHaveLength(2);
      expect((await anchorsAtHub()).map((a) => a.flag)).toEqual([null, null]);
      expect(await supervisor.send('audit-verify', {})).toMatchObject({
        ok: true,
        value: { isIntact: true, anchors: 2 },
      });

      (world.station.ports.clock as ReturnType<typeof fixedClock>).advance(3 * 24 * 3600 * 1000);
      const count = (where: string) =>
        world.station.deps.sqlite
          .prepare(`SELECT count(*) FROM audit_log WHERE ${where}`)
          .pluck()
          .get() as number;
      const kept = count(`action != 'auth.login'`);
      expect(count(`action = 'auth.login'`)).toBe(LOGINS + 5);
      rewriteChain(`action = 'auth.login'`);
      const chainAlone = await verifyAuditChain(world.station.deps.db);
      // The attack works against the chain alone (what audit-verify checked before anchoring) ...
      expect(chainAlone.isIntact).toBe(true);
      expect(chainAlone.checked).toBe(kept);
      expect(await verifyAuditWithAnchors(world.station.deps.db, null)).toEqual(chainAlone);
      // ... but not against the district's signed anchors.
      expect(await supervisor.send('audit-verify', {})).toEqual({
        ok: true,
        value: {
          isIntact: false,
          checked: chainAlone.checked,
          brokenAtSeq: anchored.seq,
          reason: 'anchor',
          rewrittenBefore: first[0]?.receivedAt,
          anchors: 2,
        },
      });

      // The next packet restates the hash at its previous packet's anchor: the hub flags it, keeps
      // its records, records why, and says so in the signed receipt.
      await fillOutbox(world, 0, 2);
      const receipts = await sync();
      expect(receipts).toHaveLength(3);
      const anchors = await anchorsAtHub();
      expect(anchors).toHaveLength(3);
      const flagged = anchors[2];
      expect(flagged).toMatchObject({ flag: 'AUDIT_REWRITTEN', seq: chainAlone.checked });
      expect(flagged?.flag_message).toContain(`audit entry ${anchors[1]?.seq}`);
      expect(flagged?.flag_message).toContain('no longer in the station');
      const flaggedReceipt = receipts.find((r) => r.packetId === flagged?.packet_id);
      expect(flaggedReceipt?.auditAnchor?.flag).toBe('AUDIT_REWRITTEN');
      expect(flaggedReceipt?.accepted).toHaveLength(2);
    });

    it('finding 1.8: forged entries that bring the head back to its old seq do not restate the anchor', async () => {
      await fillOutbox(world, 1, 1);
      await logins(50);
      await sync();
      const anchored = auditHead();
      rewriteChain(`action = 'auth.login' AND seq % 2 = 0`, true);
      // Same head seq, a chain that verifies, but another hash at the anchored seq.
      const check = await verifyAuditChain(world.station.deps.db);
      expect(check).toEqual({ isIntact: true, checked: anchored.seq });
      expect(auditHead().hash).not.toBe(anchored.hash);
      expect(await desk(world.station).as(RINA).send('audit-verify', {})).toMatchObject({
        ok: true,
        value: { isIntact: false, reason: 'anchor', brokenAtSeq: anchored.seq },
      });
      await fillOutbox(world, 0, 1);
      await sync();
      const anchors = await anchorsAtHub();
      expect(anchors.map((a) => a.flag)).toEqual([null, 'AUDIT_REWRITTEN']);
      expect(anchors[1]?.flag_message).toContain('now has another hash');
    });

    it('finding 1.8: deleting the packet rows and receipts too hides the rewrite from the station, not from the hub', async () => {
      await fillOutbox(world, 1, 1);
      await logins(40);
      await sync();
      rewriteChain(`action = 'auth.login'`);
      world.station.deps.sqlite.prepare('DELETE FROM sync_packets').run();
      // Nothing left at the station to compare with (documented: the hub holds the anchors).
      expect(await desk(world.station).as(RINA).send('audit-verify', {})).toMatchObject({
        ok: true,
        value: { isIntact: true },
      });
      await fillOutbox(world, 0, 1);
      await sync();
      expect((await anchorsAtHub()).map((a) => a.flag)).toEqual([null, 'AUDIT_UNLINKED']);
    });

    it('finding 1.8: a packet without an anchor from a station that has anchored is refused and recorded', async () => {
      await fillOutbox(world, 1, 1);
      await sync();
      const unitId = world.station.deps.unit.unit_id;
      const packetId = world.station.deps.ports.ids.uuid();
      const dir = mkdtempSync(join(tmpdir(), 'lm-v1-'));
      try {
        const path = join(dir, `${packetId}.lmp`);
        const writer = await PacketWriter.create(path, {
          packetId,
          unitId,
          createdAt: world.station.deps.ports.clock.now().toISOString(),
          signing: world.keys.signing,
          recipientPublicKey: world.hub.keys.encryption.publicRaw,
        });
        await writer.addEntry('records-0001.jsonl', Buffer.from(''));
        // No anchor: a schema 1 manifest, as stations wrote before anchoring.
        const written = await writer.finish({ fromSeq: 1, toSeq: 1, count: 0 });
        expect(written.manifest.schemaVersion).toBe(1);
        const bytes = readFileSync(path);
        expect(
          await world.hub.announce(unitId, {
            packetId,
            sha256: written.sha256,
            size: bytes.length,
          }),
        ).toMatchObject({ ok: true });
        expect(await world.hub.appendData(unitId, packetId, 0, bytes)).toMatchObject({ ok: true });
        expect(await world.hub.commit(unitId, packetId)).toMatchObject({
          ok: false,
          reason: 'AUDIT_ANCHOR_MISSING',
        });
        const refusal = await world.hub.db
          .selectFrom('refusals')
          .selectAll()
          .where('packet_id', '=', packetId)
          .executeTakeFirst();
        expect(refusal?.reason).toBe('AUDIT_ANCHOR_MISSING');
        expect(
          await world.hub.db
            .selectFrom('packets')
            .select('packet_id')
            .where('packet_id', '=', packetId)
            .executeTakeFirst(),
        ).toBeUndefined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
