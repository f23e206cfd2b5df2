import { tmpdir } from 'node:os';
import { numberReader, parseBenchArgs, seedOption } from '../lib/options';

export interface LoadBenchOptions {
  /** Simulated clients: kiosks and desks. */
  clients: number;
  /** Share of the clients that are kiosks (rounded; at least one of each). */
  kioskShare: number;
  /** Length of the measured socket run. */
  minutes: number;
  /** Length of the in-process baseline run, s (0: none). */
  baselineSeconds: number;
  /** A kiosk starts one citizen's visit this often, ms (paced under the per-socket limits). */
  kioskCycleMs: number;
  /** A desk waits this long between two calls, ms (officers clicking briskly). */
  deskThinkMs: number;
  /** Mean photo size of kiosk submissions, bytes. */
  photoBytes: number;
  /** RSS sample interval, ms. */
  sampleMs: number;
  /** Interval of the station's own memory reports (after a forced GC), ms (0: a twentieth of the run, 5 to 30 s). */
  heapSampleMs: number;
  /**
   * The run fails when RSS grows faster than this after the warm-up, MB per minute, unless the
   * growth beyond SQLite's page cache bound stays below it (bench/load/memory.ts).
   */
  maxRssSlopeMbPerMin: number;
  /** The run fails when the JS heap after GC grows faster than this after the warm-up. */
  maxHeapSlopeMbPerMin: number;
  /**
   * glibc's MALLOC_MMAP_THRESHOLD_ for the station process, bytes (0: glibc's default, a
   * threshold that rises as large blocks are freed). See bench/README.md, "load".
   */
  mallocMmapThreshold: number;
  seed: number;
  keep: boolean;
  workDir: string;
}

const USAGE = `npm run bench -- load [options]
  --clients N          simulated clients, kiosks and desks (default 20)
  --kiosk-share F      share of them that are kiosks, 0..1 (default 0.5)
  --minutes N          length of the run over WebSockets (default 10; decimals allowed)
  --baseline-seconds N the same clients through an in-process dispatcher first (default
                       min(60, a fifth of the run); 0 skips it)
  --kiosk-cycle-ms N   one citizen visit per kiosk this often (default 32000: the per-socket
                       limit allows 2 submissions a minute)
  --desk-think-ms N    pause between two desk calls (default 250)
  --photo-kb N         mean photo size in KB of 1000 bytes (default 100, at most 270)
  --sample-ms N        RSS sample interval (default 5000)
  --heap-sample-ms N   interval of the station's memory reports after a forced GC (default a
                       twentieth of the run, 5000 to 30000)
  --max-rss-slope N    fail above this RSS growth after the warm-up, MB per minute, unless the
                       RSS beyond SQLite's page cache bound grows less (default 2)
  --max-heap-slope N   fail above this JS heap growth after GC after the warm-up (default 0.5)
  --malloc-mmap-threshold N
                       the station's MALLOC_MMAP_THRESHOLD_, bytes (default 32768; 0 leaves
                       glibc's moving default, under which freed photo buffers fragment the
                       heap around SQLite's cache pages: see bench/README.md)
  --seed N             seed of the call mix (default 3172)
  --keep               keep the temporary station folders
  --work-dir DIR       where they are made (default the OS temp folder)`;

export function parseOptions(argv: readonly string[]): LoadBenchOptions {
  const options: LoadBenchOptions = {
    clients: 20,
    kioskShare: 0.5,
    minutes: 10,
    baselineSeconds: -1,
    kioskCycleMs: 32_000,
    deskThinkMs: 250,
    photoBytes: 100_000,
    sampleMs: 5_000,
    heapSampleMs: 0,
    maxRssSlopeMbPerMin: 2,
    maxHeapSlopeMbPerMin: 0.5,
    mallocMmapThreshold: 32_768,
    seed: 3172,
    keep: false,
    workDir: tmpdir(),
  };
  const number = numberReader(USAGE);
  parseBenchArgs(argv, USAGE, options, {
    '--clients': (value, name) => (options.clients = Math.round(number(name, value, 2, 500))),
    '--kiosk-share': (value, name) => (options.kioskShare = number(name, value, 0, 1)),
    '--minutes': (value, name) => (options.minutes = number(name, value, 0.1, 24 * 60)),
    '--baseline-seconds': (value, name) => (options.baselineSeconds = number(name, value, 0, 3600)),
    '--kiosk-cycle-ms': (value, name) =>
      (options.kioskCycleMs = number(name, value, 30_000, 3_600_000)),
    '--desk-think-ms': (value, name) => (options.deskThinkMs = number(name, value, 0, 60_000)),
    '--photo-kb': (value, name) => (options.photoBytes = number(name, value, 1, 270) * 1000),
    '--sample-ms': (value, name) => (options.sampleMs = number(name, value, 100, 60_000)),
    '--heap-sample-ms': (value, name) => (options.heapSampleMs = number(name, value, 1000, 60_000)),
    '--max-rss-slope': (value, name) =>
      (options.maxRssSlopeMbPerMin = number(name, value, 0, 1000)),
    '--max-heap-slope': (value, name) =>
      (options.maxHeapSlopeMbPerMin = number(name, value, 0, 1000)),
    '--malloc-mmap-threshold': (value, name) =>
      (options.mallocMmapThreshold = Math.round(number(name, value, 0, 32 * 1024 * 1024))),
    '--seed': (value, name) => (options.seed = seedOption(number, name, value)),
  });
  if (options.baselineSeconds < 0) {
    options.baselineSeconds = Math.min(60, Math.round((options.minutes * 60) / 5));
  }
  if (options.heapSampleMs === 0) {
    options.heapSampleMs = Math.min(30_000, Math.max(5_000, (options.minutes * 60_000) / 20));
  }
  return options;
}
