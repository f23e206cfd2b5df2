import { tmpdir } from 'node:os';
import { parseBenchArgs } from '../lib/options';

export interface SyncBenchOptions {
  /** Applications of the base run. */
  applications: number;
  /** The second run has this many times the data; 1 runs the base size only. */
  scale: number;
  photosPerApplication: number;
  /** Mean photo size in bytes (each photo 90-110 % of it). */
  photoBytes: number;
  seed: number;
  /** Phase to profile with node --cpu-prof: generate, packets, verify or baseline. */
  profile: string | null;
  /** Keep the temporary folders (stations, packets, baseline files) for a look afterwards. */
  keep: boolean;
  workDir: string;
}

export const PHASES = ['generate', 'packets', 'verify', 'baseline'] as const;

const USAGE = `npm run bench -- sync [options]
  --applications N  kiosk applications of the base run (default 1000)
  --scale N         the second run has N times the data (default 10: 10,000 applications,
                    30,000 photos, about 3 GB); --scale 1 runs the base size only
  --photos N        photos per application (default 3, at most 12)
  --photo-kb N      mean photo size in KB of 1000 bytes (default 100; each is 90-110 % of it,
                    at most 270 so that none passes the station's 300 KiB limit)
  --seed N          seed of the applicants and photo sizes (default 3172)
  --profile PHASE   write a V8 CPU profile of one phase (generate|packets|verify|baseline) of
                    each run to bench/results/profiles/
  --keep            keep the temporary folders (station data, packets, baseline files)
  --work-dir DIR    where the temporary folders are made (default the OS temp folder)`;

export function parseOptions(argv: readonly string[]): SyncBenchOptions {
  const options: SyncBenchOptions = {
    applications: 1000,
    scale: 10,
    photosPerApplication: 3,
    photoBytes: 100_000,
    seed: 3172,
    profile: null,
    keep: false,
    workDir: tmpdir(),
  };
  const count = (name: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER) => {
    const n = Number(value?.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < 1 || n > max) {
      throw new Error(`${name} needs a whole number from 1 to ${max}\n${USAGE}`);
    }
    return n;
  };
  parseBenchArgs(argv, USAGE, options, {
    '--applications': (value, name) => (options.applications = count(name, value)),
    '--scale': (value, name) => (options.scale = count(name, value, 100)),
    '--photos': (value, name) => (options.photosPerApplication = count(name, value, 12)),
    '--photo-kb': (value, name) => (options.photoBytes = count(name, value, 270) * 1000),
    '--seed': (value, name) => (options.seed = count(name, value)),
    '--profile': (value) => {
      if (!(PHASES as readonly string[]).includes(value ?? '')) {
        throw new Error(`--profile needs a phase name\n${USAGE}`);
      }
      options.profile = value as string;
    },
  });
  return options;
}
