import { tmpdir } from 'node:os';

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
  /** The run fails when the RSS slope after the warm-up is above this, MB per minute. */
  maxRssSlopeMbPerMin: number;
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
  --max-rss-slope N    fail above this RSS growth after the warm-up, MB per minute (default 2)
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
    maxRssSlopeMbPerMin: 2,
    seed: 3172,
    keep: false,
    workDir: tmpdir(),
  };
  const number = (name: string, value: string | undefined, min: number, max: number) => {
    const n = Number(value?.replaceAll('_', ''));
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new Error(`${name} needs a number from ${min} to ${max}\n${USAGE}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    switch (arg) {
      case '--clients':
        options.clients = Math.round(number(arg, value, 2, 500));
        i += 1;
        break;
      case '--kiosk-share':
        options.kioskShare = number(arg, value, 0, 1);
        i += 1;
        break;
      case '--minutes':
        options.minutes = number(arg, value, 0.1, 24 * 60);
        i += 1;
        break;
      case '--baseline-seconds':
        options.baselineSeconds = number(arg, value, 0, 3600);
        i += 1;
        break;
      case '--kiosk-cycle-ms':
        options.kioskCycleMs = number(arg, value, 30_000, 3_600_000);
        i += 1;
        break;
      case '--desk-think-ms':
        options.deskThinkMs = number(arg, value, 0, 60_000);
        i += 1;
        break;
      case '--photo-kb':
        options.photoBytes = number(arg, value, 1, 270) * 1000;
        i += 1;
        break;
      case '--sample-ms':
        options.sampleMs = number(arg, value, 100, 60_000);
        i += 1;
        break;
      case '--max-rss-slope':
        options.maxRssSlopeMbPerMin = number(arg, value, 0, 1000);
        i += 1;
        break;
      case '--seed':
        options.seed = Math.round(number(arg, value, 1, Number.MAX_SAFE_INTEGER));
        i += 1;
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--work-dir':
        if (!value) throw new Error(`--work-dir needs a folder\n${USAGE}`);
        options.workDir = value;
        i += 1;
        break;
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
  }
  if (options.baselineSeconds < 0) {
    options.baselineSeconds = Math.min(60, Math.round((options.minutes * 60) / 5));
  }
  return options;
}
