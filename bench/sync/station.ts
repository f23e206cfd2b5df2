import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeHidBackend } from '../../electron/devices/hid.fake';
import { openStation, type Station } from '../../electron/core/compose';
import { FileKeyStore } from '../../electron/protocol/key-store.file';
import { UNTHROTTLED_LIMITS } from '../../electron/core/limits/settings';
import type { Clock, Ports } from '../../electron/core/ports';
import { systemClock } from '../../electron/core/system-ports';
import { systemIds } from '../../electron/core/uuid';

/** The repository's root (dist/bench/sync.mjs → ../..). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The station's database file in its data folder (electron/core/compose.ts). */
export function stationDbFile(dataDir: string): string {
  return join(dataDir, 'station.db');
}

export function stationKeyStore(dataDir: string): FileKeyStore {
  return new FileKeyStore(join(dataDir, 'keys'));
}

/**
 * A real station opened from plain Node the way the station server does (electron/hub/
 * export-child.ts): encrypted database with every migration, key files in <data>/keys, all
 * domains registered. Not a training station: its unit is the unconfigured real one and its
 * rows carry is_training = 0. The HID port is the fake (no devices on a bench machine).
 */
export async function openBenchStation(
  dataDir: string,
  clock: Clock = systemClock,
): Promise<Station> {
  const ports: Ports = {
    clock,
    ids: systemIds(clock),
    paths: { dataDir, resourcesDir: join(ROOT, 'resources') },
    keyStore: stationKeyStore(dataDir),
    printer: {
      print: () => Promise.reject(new Error('no printer on the bench')),
      toPdf: () => Promise.reject(new Error('no printer on the bench')),
      list: () => Promise.resolve([]),
    },
    log: {
      info: () => {},
      warn: (message, detail) => console.warn(`station warning: ${message}`, detail ?? ''),
      error: (message, detail) => console.error(`station error: ${message}`, detail ?? ''),
    },
    hid: new FakeHidBackend(),
    drives: { list: () => Promise.resolve([]) },
  };
  return openStation(ports, {
    host: 'station-server',
    encrypt: true,
    demo: false,
    versions: { app: 'bench' },
    // generate submits thousands of applications from one kiosk connection as fast as it can:
    // data for the sync bench, not a kiosk (the kiosk limits are the load bench's business).
    limits: UNTHROTTLED_LIMITS,
  });
}
