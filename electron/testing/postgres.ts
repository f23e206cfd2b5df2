import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Vitest global setup: one throwaway PostgreSQL cluster per test run, for the hub tests that run
 * on PostgreSQL (electron/testing/hub.ts makes one database per test hub inside it). It listens
 * on a Unix socket in its own temporary folder only (no TCP port to collide with), trusts local
 * connections, and runs with fsync off: nothing in it outlives the run. Workers find it through
 * LM_TEST_PG_SOCKET (the socket folder), which they inherit.
 *
 * A machine without PostgreSQL fails here, loudly: the hub's tests are meant to run on both of
 * its databases everywhere (CI installs the `postgresql` package).
 */
export const PG_SOCKET_ENV = 'LM_TEST_PG_SOCKET';

export default function setup(): () => void {
  const bin = postgresBin();
  const asPostgres = process.getuid?.() === 0;
  const root = mkdtempSync(join(reachableTmp(asPostgres), 'lm-pg-'));
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  if (asPostgres) {
    // PostgreSQL refuses to run as root: its folder belongs to the postgres user.
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
    chmodSync(root, 0o700);
  }
  const run = (tool: string, args: string[]): void => {
    const command = asPostgres ? 'runuser' : join(bin, tool);
    const argv = asPostgres ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: root });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C']);
    const settings = [
      "-c listen_addresses=''",
      `-c unix_socket_directories=${root}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=400',
    ];
    run('pg_ctl', ['-D', data, '-l', log, '-o', settings.join(' '), '-w', 'start']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`The test PostgreSQL cluster did not start: ${stderr || String(error)}`, {
      cause: error,
    });
  }
  process.env[PG_SOCKET_ENV] = root;
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

/** The newest PostgreSQL's programs (Debian: /usr/lib/postgresql/<version>/bin). */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined)
    throw new Error(
      'PostgreSQL is not installed: the hub tests run on SQLite and PostgreSQL. ' +
        'Install it with `apt-get install postgresql` (initdb and pg_ctl are looked for in ' +
        '/usr/lib/postgresql/<version>/bin).',
    );
  return join(base, newest, 'bin');
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch (error) {
    throw new Error('No `postgres` user: install PostgreSQL with `apt-get install postgresql`', {
      cause: error,
    });
  }
}

/**
 * A temporary folder the postgres user can reach when we run as root: the run's own TMPDIR
 * (tmpdir.ts) is private to root, so the cluster goes beside it in the first folder up the
 * chain that every user may pass through.
 */
function reachableTmp(asPostgres: boolean): string {
  let dir = tmpdir();
  if (!asPostgres) return dir;
  while (!everyParentPassable(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return everyParentPassable(dir) ? dir : '/tmp';
}

function everyParentPassable(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (dirname(d) === d) return true;
  }
}
