import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStation, type Station } from '../../electron/core/compose';
import type { LimitSettings } from '../../electron/core/limits/settings';
import { systemClock } from '../../electron/core/system-ports';
import { systemIds } from '../../electron/core/uuid';
import { FakeHidBackend } from '../../electron/devices/hid.fake';
import { FileKeyStore } from '../../electron/protocol/key-store.file';

/**
 * Opens the training (demo) station in `dataDir` in the bench's own process, as the station
 * server would open it (system clock and ids, encrypted, keys in `dataDir/keys`): no printer, a
 * fake HID backend, no drives; errors go to stderr. `root` is the repository (its resources/).
 */
export function openBenchStation(
  root: string,
  dataDir: string,
  limits?: LimitSettings,
): Promise<Station> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return openStation(
    {
      clock: systemClock,
      ids: systemIds(systemClock),
      paths: { dataDir, resourcesDir: join(root, 'resources') },
      keyStore: new FileKeyStore(join(dataDir, 'keys')),
      printer: {
        print: () => Promise.resolve({ printed: false, reason: 'no printer on the bench' }),
        toPdf: () => Promise.reject(new Error('no printer on the bench')),
        list: () => Promise.resolve([]),
      },
      log: {
        info: () => {},
        warn: () => {},
        error: (message, detail) => console.error(`station error: ${message}`, detail ?? ''),
      },
      hid: new FakeHidBackend(),
      drives: { list: () => Promise.resolve([]) },
    },
    { host: 'station-server', encrypt: true, demo: true, versions: { app: 'bench' }, limits },
  );
}
