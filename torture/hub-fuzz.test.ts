import { describe, expect, it } from 'vitest';
import { createTestDatabase, HUB_BACKENDS } from '../electron/testing/hub';
import { formatReport, runHubFuzz } from './hub-fuzz';

/**
 * Issue 13 §2 "Fuzz", the hub's half: a real hub (serve and import processes) in a temp folder,
 * malformed requests, forged packets and hostile USB drives. The full run is
 * `npm run torture -- hub-fuzz` (3,000 requests, 200 drives). A fixed seed, so a failure here
 * reproduces with `--seed 13012 --requests 300 --drives 16`.
 */
describe.each(HUB_BACKENDS)(
  'hub fuzz on %s: malformed requests, forged packets, hostile drives',
  (backend) => {
    it('the hub never dies or hangs, writes nothing outside its folders, and refusals change nothing', async () => {
      const database = backend === 'postgres' ? await createTestDatabase() : null;
      const report = await runHubFuzz({
        requests: 300,
        drives: 16,
        seed: 13_012,
        databaseUrl: database?.url,
      }).finally(() => database?.drop());
      const text = formatReport(report);
      expect(report.failures, text).toEqual([]);
      expect(report.requests, text).toBe(300);
      expect(report.drives, text).toBe(16);
      expect(report.isControlImported, text).toBe(true);
      // The requests reached past the front door: refusals of several kinds, not only 404s.
      expect(Object.keys(report.statuses).length, text).toBeGreaterThan(3);
    }, 900_000);
  },
);
