import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestAudit, PacketManifest } from '../protocol/packet/format';
import { evaluateAnchor } from './audit-anchors';
import { HUB_BACKENDS, openTestHub, type TestHub } from '../testing/hub';
import type { Hub } from './hub';

let opened: TestHub;
let hub: Hub;
const UNIT = '01900000-0000-7000-8000-000000000001';
const P1 = '01900000-0000-7000-8000-0000000000a1';
const P2 = '01900000-0000-7000-8000-0000000000a2';
const P3 = '01900000-0000-7000-8000-0000000000a3';
const H = (c: string) => c.repeat(64);

describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    opened = await openTestHub(backend, { districtName: 'Disdukcapil Uji', encrypt: false });
    hub = opened.hub;
    await hub.db
      .insertInto('stations')
      .values({
        unit_id: UNIT,
        unit_code: '16',
        name: 'Kecamatan Uji',
        region_code: '1602',
        signing_key: 'A'.repeat(43) + '=',
        encryption_key: 'B'.repeat(43) + '=',
        enrolled_at: '2026-12-01T00:00:00.000Z',
        revoked_at: null,
      })
      .execute();
  });
  afterEach(async () => opened.close());

  function manifest(packetId: string, createdAt: string, audit: ManifestAudit): PacketManifest {
    return {
      format: 'lakon-mandira-packet',
      schemaVersion: 2,
      packetId,
      unitId: UNIT,
      createdAt,
      outbox: { fromSeq: 1, toSeq: 1, count: 1 },
      signer: { keyId: 'k', publicKey: 'A'.repeat(43) + '=' },
      entries: [],
      audit,
    };
  }

  async function store(m: PacketManifest): Promise<string | null> {
    const row = await evaluateAnchor(hub.db, UNIT, m, '2026-12-05T00:00:00.000Z');
    if (!row) throw new Error('no anchor');
    await hub.db.insertInto('audit_anchors').values(row).execute();
    return row.flag ?? null;
  }

  describe('finding 1.8: the hub compares each anchor with the ones it holds', () => {
    it('finding 1.8: a later packet that arrives first is checked when the earlier one arrives', async () => {
      // P2 names P1's head as (10, H(a)); P1 then arrives with head (10, H(b)): a rewrite between.
      expect(
        await store(
          manifest(P2, '2026-12-02T00:00:00.000Z', {
            head: { seq: 20, hash: H('c') },
            isIntact: true,
            previous: { packetId: P1, seq: 10, hash: H('a') },
          }),
        ),
      ).toBeNull();
      expect(
        await store(
          manifest(P1, '2026-12-01T00:00:00.000Z', {
            head: { seq: 10, hash: H('b') },
            isIntact: true,
            previous: null,
          }),
        ),
      ).toBe('AUDIT_REWRITTEN');
    });

    it('finding 1.8: naming an older anchor to skip the newest one the district holds is flagged', async () => {
      await store(
        manifest(P1, '2026-12-01T00:00:00.000Z', {
          head: { seq: 10, hash: H('a') },
          isIntact: true,
          previous: null,
        }),
      );
      await store(
        manifest(P2, '2026-12-02T00:00:00.000Z', {
          head: { seq: 20, hash: H('b') },
          isIntact: true,
          previous: { packetId: P1, seq: 10, hash: H('a') },
        }),
      );
      // P3 restates P1 correctly but skips P2 (its packet row deleted at the station).
      expect(
        await store(
          manifest(P3, '2026-12-03T00:00:00.000Z', {
            head: { seq: 15, hash: H('d') },
            isIntact: true,
            previous: { packetId: P1, seq: 10, hash: H('a') },
          }),
        ),
      ).toBe('AUDIT_UNLINKED');
    });

    it('finding 1.8: a station whose own chain does not verify is flagged', async () => {
      expect(
        await store(
          manifest(P1, '2026-12-01T00:00:00.000Z', {
            head: { seq: 10, hash: H('a') },
            isIntact: false,
            previous: null,
          }),
        ),
      ).toBe('AUDIT_BROKEN');
    });
  });
});
