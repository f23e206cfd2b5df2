import { tmpdir } from 'node:os';
import { numberReader, parseBenchArgs, seedOption } from '../lib/options';

export interface OutreachBenchOptions {
  /** Visitors of the simulated day, each with two services. */
  visitors: number;
  /** Desk connections calling and serving (meja-1 .. meja-N). */
  desks: number;
  /**
   * Pause of a desk between two of its calls, ms: 0 is "as fast as the desks can" (the default:
   * the station's worst case); a few seconds is an officer's pace.
   */
  thinkMs: number;
  /** Share of services that end as follow-up (with a reason) instead of done. */
  followUpShare: number;
  /**
   * 'lan': the station runs with --lan (its own TLS certificate) and every client joins over
   * WSS at this machine's LAN address, desks and display paired by code as on a mobile unit;
   * 'loopback': plain WebSockets to 127.0.0.1 (the station's own screens, desks by devices-claim).
   */
  transport: 'lan' | 'loopback';
  seed: number;
  keep: boolean;
  workDir: string;
}

export const USAGE = `npm run bench -- outreach [options]
  --visitors N     visitors of the simulated day, two services each (default 200)
  --desks N        desk connections, meja-1 .. meja-N (default 3)
  --think-ms N     pause of a desk between two of its calls (default 0: as fast as the
                   desks can; e.g. 2000 for an officer's pace)
  --follow-up F    share of services that end as follow-up with a reason (default 0.1)
  --transport T    lan (default: --lan with TLS, clients paired by code at this machine's
                   LAN address) or loopback (plain ws:// to 127.0.0.1)
  --seed N         seed of the visitors and their services (default 1616)
  --keep           keep the temporary station folder
  --work-dir DIR   where it is made (default the OS temp folder)`;

export function parseOptions(argv: readonly string[]): OutreachBenchOptions {
  const options: OutreachBenchOptions = {
    visitors: 200,
    desks: 3,
    thinkMs: 0,
    followUpShare: 0.1,
    transport: 'lan',
    seed: 1616,
    keep: false,
    workDir: tmpdir(),
  };
  const number = numberReader(USAGE);
  parseBenchArgs(argv, USAGE, options, {
    '--visitors': (value, name) => (options.visitors = Math.round(number(name, value, 1, 5000))),
    '--desks': (value, name) => (options.desks = Math.round(number(name, value, 1, 9))),
    '--think-ms': (value, name) => (options.thinkMs = number(name, value, 0, 60_000)),
    '--follow-up': (value, name) => (options.followUpShare = number(name, value, 0, 1)),
    '--transport': (value) => {
      if (value !== 'lan' && value !== 'loopback')
        throw new Error(`--transport needs lan or loopback\n${USAGE}`);
      options.transport = value;
    },
    '--seed': (value, name) => (options.seed = seedOption(number, name, value)),
  });
  return options;
}
