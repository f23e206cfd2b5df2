import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeHidBackend } from '../devices/hid.fake';
import { openStation, type Station, type StationConfig } from '../core/compose';
import { FileKeyStore } from '../protocol/key-store.file';
import { UNTHROTTLED_LIMITS } from '../core/limits/settings';
import type { Clock, Logger, Ports } from '../core/ports';
import { fixedClock } from '../core/system-ports';
import { sequentialIds, systemIds } from '../core/uuid';

const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));

export interface TestStation extends Station {
  dataDir: string;
  ports: Ports;
  /** The HID backend of a real (non-training) test station: plug fake devices into it. */
  hid: FakeHidBackend;
  errors: string[];
  dispose(): Promise<void>;
}

/** A real station (encrypted SQLite in a fresh folder) with a fixed clock and sequential ids. */
export async function createTestStation(
  config: Partial<StationConfig> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'lm-station-')),
): Promise<TestStation> {
  const clock = fixedClock('2026-11-29T02:00:00.000Z');
  const errors: string[] = [];
  const log: Logger = {
    info: () => {},
    warn: () => {},
    error: (message, detail) => errors.push(`${message} ${JSON.stringify(detail)}`),
  };
  const hid = new FakeHidBackend();
  const ports: Ports = {
    clock,
    ids: sequentialIds(clock),
    paths: { dataDir, resourcesDir },
    keyStore: new FileKeyStore(join(dataDir, 'keys')),
    printer: {
      print: () => Promise.reject(new Error('no printer in tests')),
      toPdf: () => Promise.reject(new Error('no printer in tests')),
      list: () => Promise.resolve([]),
    },
    log,
    hid,
    drives: { list: () => Promise.resolve([]) },
  };
  const station = await openStation(ports, {
    host: 'station-server',
    encrypt: true,
    demo: true,
    versions: { app: 'test' },
    // N=2^10 instead of 2^15: a PIN hash in about 4 ms, so account tests stay fast.
    scrypt: { N: 2 ** 10, r: 8, p: 1 },
    // The clock stands still while tests submit dozens of applications; tests about the kiosk
    // limits pass DEFAULT_LIMITS (electron/core/limits).
    limits: UNTHROTTLED_LIMITS,
    ...config,
  });
  return {
    ...station,
    dataDir,
    ports,
    hid,
    errors,
    dispose: async () => {
      await station.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Ports of a real station on disk with no printer, no log output and fake hardware: for the
 * child processes of tests (the sync kill test) and the torture harnesses.
 */
export function headlessPorts(dataDir: string, resourcesDir: string, clock: Clock): Ports {
  return {
    clock,
    ids: systemIds(clock),
    paths: { dataDir, resourcesDir },
    keyStore: new FileKeyStore(join(dataDir, 'keys')),
    printer: {
      print: () => Promise.reject(new Error('no printer')),
      toPdf: () => Promise.reject(new Error('no printer')),
      list: () => Promise.resolve([]),
    },
    log: { info: () => {}, warn: () => {}, error: () => {} },
    hid: new FakeHidBackend(),
    drives: { list: () => Promise.resolve([]) },
  };
}
