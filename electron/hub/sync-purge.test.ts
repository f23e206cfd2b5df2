import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { fixedClock } from '../core/system-ports';
import { pullUpdates } from '../core/sync/pull';
import { purgeAttachments } from '../core/sync/purge';
import { syncRun } from '../core/sync/run';
import { decideApplication } from './decisions';
import { fillOutbox, stationCount, syncWorld, type SyncWorld } from '../testing/sync';
import { HUB_BACKENDS } from '../testing/hub';

let world: SyncWorld;
describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    world = await syncWorld(backend);
  });
  afterEach(async () => world.dispose());

  const DAY = 24 * 3600 * 1000;

  describe('purge of originals after the receipt and the retention', () => {
    it('keeps everything until then, and what the desk still needs after', async () => {
      await fillOutbox(world, 2, 0);
      const { deps } = world.station;
      const clock = world.station.ports.clock as ReturnType<typeof fixedClock>;
      const ids = deps.sqlite
        .prepare('SELECT id FROM applications ORDER BY number')
        .pluck()
        .all() as string[];
      // Before any receipt: nothing goes, however old.
      clock.advance(90 * DAY);
      expect(await purgeAttachments(deps, 30)).toEqual({ photos: 0 });

      const target = await world.target();
      await syncRun(deps, world.keys, target);
      await decideApplication(
        world.hub,
        {
          applicationId: ids[0] as string,
          decision: 'issue',
          kind: 'kk',
          signerName: 'Kadis',
          signerTitle: 'Kepala Dinas',
        },
        world.hub.at(),
      );
      await pullUpdates(deps, world.keys, target);
      // Receipted, but within the retention: kept.
      clock.advance(29 * DAY);
      expect(await purgeAttachments(deps, 30)).toEqual({ photos: 0 });
      clock.advance(2 * DAY);
      // The issued one goes; the other is "dikirim", still waiting at the desk, so it stays.
      expect(await purgeAttachments(deps, 30)).toEqual({ photos: 1 });
      expect(stationCount(world, 'application_photos', `application_id = '${ids[0]}'`)).toBe(0);
      expect(stationCount(world, 'application_photos', `application_id = '${ids[1]}'`)).toBe(1);
      expect(stationCount(world, 'purged_photos', `application_id = '${ids[0]}'`)).toBe(1);
      expect(stationCount(world, 'audit_log', "action = 'sync.photos-purged'")).toBe(1);
    });
  });
});
