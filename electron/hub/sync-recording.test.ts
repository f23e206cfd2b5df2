import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SRI, submitAtKiosk, desk } from '../testing/desk';
import { as, person, recordingArgs, rowCounts } from '../testing/recording';
import type { fixedClock } from '../core/system-ports';
import { pullUpdates } from '../core/sync/pull';
import { syncRun } from '../core/sync/run';
import { decideRecording } from './decisions';
import { hubCount, syncWorld, type SyncWorld } from '../testing/sync';
import { HUB_BACKENDS } from '../testing/hub';

let world: SyncWorld;
describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    world = await syncWorld(backend);
  });
  afterEach(async () => world.dispose());

  describe('KTP-el recordings through the sync', () => {
    it('carry portrait and signature to the hub; the district’s statuses come back', async () => {
      const { station } = world;
      const adult = person(station, 0, { birthDate: '1991-04-05' });
      const created = await as(station, SRI).send(
        'recording-create',
        recordingArgs({ residentRef: adult.ref }, 'red'),
      );
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      const target = await world.target();
      await syncRun(station.deps, world.keys, target);
      // Portrait (JPEG) and signature (PNG) arrived as attachments, referenced by the record.
      expect(await hubCount(world, 'attachments')).toBe(2);
      const record = await world.hub.db
        .selectFrom('records')
        .select('data')
        .where('aggregate', '=', 'recording')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(record.data)).toMatchObject({ NIK: adult.nik, STATUS_REKAM: 'direkam' });

      await pullUpdates(station.deps, world.keys, target);
      const status = () =>
        station.deps.sqlite
          .prepare('SELECT status FROM recordings WHERE id = ?')
          .pluck()
          .get(created.value.id);
      expect(status()).toBe('terkirim');
      await decideRecording(
        world.hub,
        { recordingId: created.value.id, status: 'prr' },
        world.hub.at(),
      );
      await pullUpdates(station.deps, world.keys, target);
      expect(status()).toBe('prr');
      const events = station.deps.sqlite
        .prepare('SELECT status, source FROM recording_events WHERE recording_id = ? ORDER BY seq')
        .all(created.value.id);
      expect(events).toEqual([
        { status: 'direkam', source: 'station' },
        { status: 'terkirim', source: 'district' },
        { status: 'prr', source: 'district' },
      ]);
    });

    it('new recordings are refused while unsynced work is too old, and nothing is written', async () => {
      const { station } = world;
      await submitAtKiosk(desk(station));
      (station.ports.clock as ReturnType<typeof fixedClock>).advance(8 * 24 * 3600 * 1000);
      const adult = person(station, 1, { birthDate: '1991-04-05' });
      const before = rowCounts(station);
      const refused = await as(station, SRI).send(
        'recording-create',
        recordingArgs({ residentRef: adult.ref }, 'red'),
      );
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', reason: 'RECORDING_BLOCKED' },
      });
      expect(rowCounts(station)).toEqual(before);
      // After the sync the same recording goes through.
      await syncRun(station.deps, world.keys, await world.target());
      const created = await as(station, SRI).send(
        'recording-create',
        recordingArgs({ residentRef: adult.ref }, 'red'),
      );
      expect(created.ok).toBe(true);
    });
  });
});
