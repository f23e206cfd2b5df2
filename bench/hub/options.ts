import { tmpdir } from 'node:os';
import { DEFAULT_LIMITS } from '../../electron/core/sync/build';
import { DEFAULT_UPLOAD } from '../../electron/core/sync/upload';
import { parseBenchArgs, type CommonBenchOptions } from '../lib/options';

export const DATABASES = ['sqlite', 'postgres'] as const;
export type HubDatabaseKind = (typeof DATABASES)[number];

export interface HubBenchOptions extends CommonBenchOptions {
  /** Simulated stations uploading at the same time. */
  stations: number;
  /** Kiosk applications over all stations (spread evenly). */
  applications: number;
  photosPerApplication: number;
  /** Each photo's size is drawn evenly from this range, in bytes. */
  photoBytesMin: number;
  photoBytesMax: number;
  /** Applications a station puts in one packet (it syncs after this many), within DEFAULT_LIMITS. */
  packetApplications: number;
  databases: HubDatabaseKind[];
  /** Stations whose first packet is also sent again (duplicates, after the timed run). */
  retries: number;
  /** Bytes per PUT (the station's DEFAULT_UPLOAD). */
  pieceBytes: number;
  /** The bare-HTTP baseline run (--no-baseline skips it). */
  baseline: boolean;
  seed: number;
  /** Phase to profile with node --cpu-prof (each run of it): see PHASES. */
  profile: string | null;
}

export const PHASES = ['generate', 'bare', 'hub', 'upload', 'check'] as const;

const USAGE = `npm run bench -- hub [options]
  --stations N            simulated stations uploading at once (default 50)
  --applications N        kiosk applications over all stations (default 5000)
  --photos N              photos per application (default 3, at most 12)
  --photo-kb MIN-MAX      photo sizes in KB of 1000 bytes, drawn evenly (default 100-200;
                          at most 300 KiB each, the station's limit); one number: that size
  --packet-applications N applications per packet: a station syncs after this many (default 10;
                          a packet also closes at DEFAULT_LIMITS, 500 records / 64 MiB)
  --databases LIST        sqlite, postgres or sqlite,postgres (default)
  --retries N             stations whose first packet is sent again after the timed run: announce
                          again, commit again, and the same records in a rebuilt packet (default 5)
  --piece-kb N            KiB per PUT (default ${DEFAULT_UPLOAD.pieceBytes / 1024}, as stations send)
  --no-baseline           skip the bare-HTTP baseline run
  --seed N                seed of applicants, photo sizes and villages (default 3172)
  --profile PHASE         V8 CPU profile of a phase's process, each time it runs, to
                          bench/results/profiles/: generate, bare, hub, upload or check
  --keep                  keep the temporary folder (packets, hub folders, PostgreSQL cluster)
  --work-dir DIR          where the temporary folder is made (default the OS temp folder)
Quick try: npm run bench -- hub --applications 500 --stations 10`;

const MAX_PHOTO_BYTES = 300 * 1024;

export function parseOptions(argv: readonly string[]): HubBenchOptions {
  const options: HubBenchOptions = {
    stations: 50,
    applications: 5000,
    photosPerApplication: 3,
    photoBytesMin: 100_000,
    photoBytesMax: 200_000,
    packetApplications: 10,
    databases: [...DATABASES],
    retries: 5,
    pieceBytes: DEFAULT_UPLOAD.pieceBytes,
    baseline: true,
    seed: 3172,
    profile: null,
    keep: false,
    workDir: tmpdir(),
  };
  const count = (name: string, value: string | undefined, min = 1, max = 1_000_000) => {
    const n = Number(value?.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Error(`${name} needs a whole number from ${min} to ${max}\n${USAGE}`);
    }
    return n;
  };
  // --no-baseline takes no value: parseBenchArgs knows only valued options and its own flags.
  const rest = argv.filter((arg) => arg !== '--no-baseline');
  if (rest.length !== argv.length) options.baseline = false;
  parseBenchArgs(rest, USAGE, options, {
    '--stations': (value, name) => (options.stations = count(name, value, 1, 1000)),
    '--applications': (value, name) => (options.applications = count(name, value)),
    '--photos': (value, name) => (options.photosPerApplication = count(name, value, 0, 12)),
    '--photo-kb': (value, name) => {
      const [min, max = min] = (value ?? '').split('-');
      options.photoBytesMin = count(name, min, 1, MAX_PHOTO_BYTES / 1000) * 1000;
      options.photoBytesMax = count(name, max, 1, MAX_PHOTO_BYTES / 1000) * 1000;
      if (options.photoBytesMax < options.photoBytesMin)
        throw new Error(`${name}: MIN-MAX with MIN <= MAX\n${USAGE}`);
    },
    '--packet-applications': (value, name) =>
      (options.packetApplications = count(name, value, 1, DEFAULT_LIMITS.records)),
    '--databases': (value) => {
      const list = (value ?? '').split(',').filter((d) => d !== '');
      const known = (d: string): d is HubDatabaseKind =>
        (DATABASES as readonly string[]).includes(d);
      if (list.length === 0 || !list.every(known))
        throw new Error(`--databases takes sqlite, postgres or both (sqlite,postgres)\n${USAGE}`);
      options.databases = [...new Set(list)];
    },
    '--retries': (value, name) => (options.retries = count(name, value, 0, 1000)),
    '--piece-kb': (value, name) => (options.pieceBytes = count(name, value, 1, 1024) * 1024),
    '--seed': (value, name) => (options.seed = count(name, value, 0, 2 ** 31)),
    '--profile': (value) => {
      if (!(PHASES as readonly string[]).includes(value ?? ''))
        throw new Error(`--profile needs a phase: ${PHASES.join(', ')}\n${USAGE}`);
      options.profile = value as string;
    },
  });
  if (options.applications < options.stations)
    throw new Error(`--applications must be at least --stations (one each)\n${USAGE}`);
  options.retries = Math.min(options.retries, options.stations);
  return options;
}
