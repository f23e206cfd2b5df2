import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for the bench, started the way electron/testing/postgres.ts
 * starts the tests' one (initdb, pg_ctl, a Unix socket in its own folder, no TCP port, trust for
 * local connections; as the postgres user when we are root) but with PostgreSQL's default
 * durability: fsync, synchronous_commit and full_page_writes on. The tests' cluster turns all
 * three off, which would make PostgreSQL's figures incomparable with SQLite's
 * (synchronous=FULL). Memory settings are the defaults (shared_buffers 128 MB), as a hub
 * installed from the distribution's package starts.
 */
export interface BenchCluster {
  version: string;
  /** postgres:// address of database `name` in this cluster. */
  url(name: string): string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /**
   * CPU seconds the cluster's processes have used so far: the postmaster and its live children
   * (backends, checkpointer, WAL writer...) plus what its ended children used (cutime, cstime).
   */
  cpuSeconds(): number;
  /** Stops the server; the cluster's folder goes too unless `keep`. */
  stop(keep?: boolean): void;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these. */
const clockTicks = () =>
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function postgresBin(): { bin: string; version: string } {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined)
    throw new Error(
      'PostgreSQL is not installed (initdb and pg_ctl are looked for in ' +
        '/usr/lib/postgresql/<version>/bin): install it, or run with --databases sqlite',
    );
  return { bin: join(base, newest, 'bin'), version: newest };
}

export function startBenchCluster(parentDir: string): BenchCluster {
  const { bin, version } = postgresBin();
  const asPostgres = process.getuid?.() === 0;
  // The postgres user must reach the folder: under root's private temp folder it could not.
  const root = mkdtempSync(join(asPostgres ? '/tmp' : parentDir, 'lakon-bench-pg-'));
  if (asPostgres) {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, id('-u'), id('-g'));
    chmodSync(root, 0o700);
  }
  const data = join(root, 'data');
  const run = (tool: string, args: string[]): void => {
    const command = asPostgres ? 'runuser' : join(bin, tool);
    const argv = asPostgres ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: root });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
    const settings = [`-c listen_addresses=''`, `-c unix_socket_directories=${root}`];
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(root, 'server.log'),
      '-o',
      settings.join(' '),
      '-w',
      'start',
    ]);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`The bench's PostgreSQL cluster did not start: ${stderr || String(error)}`, {
      cause: error,
    });
  }
  const url = (name: string) => `postgres://postgres@/${name}?host=${encodeURIComponent(root)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    version,
    url,
    createDatabase: async (name) => {
      await admin(`create database ${name}`);
      return url(name);
    },
    dropDatabase: (name) => admin(`drop database if exists ${name} with (force)`),
    cpuSeconds: () => {
      const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      let ticks = 0;
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        let fields: string[];
        try {
          // After the command name (in parentheses, may hold spaces): state, ppid, ...
          const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
          fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        } catch {
          continue;
        }
        const pid = Number(entry);
        const ppid = Number(fields[1]);
        if (pid !== postmaster && ppid !== postmaster) continue;
        // utime, stime, cutime, cstime: fields 14-17 of stat, 11-14 after the name.
        const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
        ticks += (utime ?? 0) + (stime ?? 0);
        if (pid === postmaster) ticks += (cutime ?? 0) + (cstime ?? 0);
      }
      return ticks / clockTicks();
    },
    stop: (keep = false) => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        if (keep) console.log(`[hub] kept the PostgreSQL cluster in ${root}`);
        else rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
