import { describe, expect, it } from 'vitest';
import { HUB_BACKENDS, openTestHub } from '../../electron/testing/hub';
import { seedStation } from '../../electron/testing/office-recordings';
import {
  notePacketHealth,
  stationsWithHealth,
  touchStationContact,
  type PacketHealth,
} from './office-stations';

const HEALTH: NonNullable<PacketHealth['health']> = {
  softwareVersion: '0.2.0',
  backlogRecords: 40,
  oldestUnsyncedAt: '2026-12-01T00:00:00.000Z',
  guardLevel: 'block',
  guardReasons: ['UNSYNCED_OLD', 'DISK_LOW'],
  freeBytes: 10,
  stationTime: '2026-12-08T00:00:00.000Z',
};

describe.each(HUB_BACKENDS)('station health at the hub (%s)', (backend) => {
  it('keeps the health of the newest outbox range, whatever order packets arrive in', async () => {
    const { hub, close } = await openTestHub(backend);
    try {
      const { unitId } = await seedStation(hub.db);
      const packet = (over: Partial<PacketHealth>): PacketHealth => ({
        unitId,
        packetId: 'p',
        channel: 'http',
        at: '2026-12-08T01:00:00.000Z',
        toSeq: 100,
        createdAt: '2026-12-08T00:00:00.000Z',
        health: HEALTH,
        ...over,
      });
      await notePacketHealth(hub.db, packet({ packetId: 'new' }));
      // An older packet (a USB drive imported late): its contact counts, its health does not.
      await notePacketHealth(
        hub.db,
        packet({
          packetId: 'old',
          channel: 'usb',
          at: '2026-12-08T02:00:00.000Z',
          toSeq: 50,
          health: { ...HEALTH, softwareVersion: '0.1.0', backlogRecords: 90 },
        }),
      );
      // A packet of an older station, without health, keeps what is known.
      await notePacketHealth(
        hub.db,
        packet({ packetId: 'plain', at: '2026-12-08T03:00:00.000Z', toSeq: 120, health: null }),
      );
      const [row] = await stationsWithHealth(hub.db);
      expect(row).toMatchObject({
        last_packet_id: 'plain',
        last_packet_at: '2026-12-08T03:00:00.000Z',
        last_contact_at: '2026-12-08T03:00:00.000Z',
        health_seq: 100,
        software_version: '0.2.0',
        backlog_records: 40,
        guard_level: 'block',
        guard_reasons: 'UNSYNCED_OLD,DISK_LOW',
        free_bytes: 10,
      });
    } finally {
      await close();
    }
  });

  it('notes the last contact at most every 30 s, and never goes back in time', async () => {
    const { hub, close } = await openTestHub(backend);
    try {
      const { unitId } = await seedStation(hub.db);
      const contact = async () => (await stationsWithHealth(hub.db))[0]?.last_contact_at;
      expect(await contact()).toBeNull();
      await touchStationContact(hub.db, unitId, '2026-12-08T01:00:00.000Z');
      await touchStationContact(hub.db, unitId, '2026-12-08T01:00:20.000Z');
      expect(await contact()).toBe('2026-12-08T01:00:00.000Z');
      await touchStationContact(hub.db, unitId, '2026-12-08T01:00:31.000Z');
      expect(await contact()).toBe('2026-12-08T01:00:31.000Z');
      await touchStationContact(hub.db, unitId, '2026-12-07T01:00:00.000Z');
      expect(await contact()).toBe('2026-12-08T01:00:31.000Z');
    } finally {
      await close();
    }
  });
});
