import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../scripts/bundle-node.mjs';

/** The repository root: the nearest folder up from here whose package.json is this project's. */
export function repoRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const file = join(dir, 'package.json');
    if (
      existsSync(file) &&
      (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'lakon-mandira-station'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Repository root not found');
    dir = parent;
  }
}

/**
 * Bundles electron/server/main.ts the way scripts/build.mjs does (without the renderer, which the
 * fuzzer does not need) to dist/torture/fuzz-station-server.mjs: two levels below the root, like
 * dist/electron/server.mjs, so the bundle finds resources/ and package.json where it expects them.
 */
export function buildStationServer(root = repoRoot()): Promise<string> {
  return bundleForNode(
    join(root, 'electron/server/main.ts'),
    join(root, 'dist/torture/fuzz-station-server.mjs'),
  );
}

export interface StationProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code or signal when the process ends, whenever that is. */
  exited: Promise<string>;
  /** True once the process has ended. */
  isDead(): boolean;
  stop(): Promise<void>;
}

/**
 * A stand-in for headless Chromium that writes a one-page PDF where `--print-to-pdf=` says: print
 * paths succeed as on a real station, without a browser start per print on a fuzz run.
 */
function fakeChromium(dataDir: string): string {
  const file = join(dataDir, 'fake-chromium.sh');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    file,
    [
      '#!/bin/sh',
      'for arg in "$@"; do',
      '  case "$arg" in --print-to-pdf=*) printf \'%%PDF-1.4\\n%%%%EOF\\n\' > "${arg#--print-to-pdf=}";; esac',
      'done',
      '',
    ].join('\n'),
  );
  chmodSync(file, 0o700);
  return file;
}

/**
 * Starts the station server on a free loopback port with a fresh data folder and waits for the
 * `STATION_READY <url>` line it prints.
 */
export function startStation(
  serverFile: string,
  dataDir: string,
  extraArgs: string[] = [],
): Promise<StationProcess> {
  const child = spawn(
    process.execPath,
    [serverFile, '--data', dataDir, '--port', '0', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LM_CHROMIUM: fakeChromium(dataDir) },
    },
  );
  // The station never outlives the harness, however the harness ends.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  let output = '';
  let dead = false;
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      dead = true;
      process.removeListener('exit', killChild);
      resolve(signal ?? `exit ${code}`);
    });
  });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /STATION_READY (\S+)/.exec(output);
      if (match && !ready) {
        ready = true;
        resolve({
          url: match[1] as string,
          dataDir,
          child,
          output: () => output,
          exited,
          isDead: () => dead,
          stop: async () => {
            if (!dead) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    let ready = false;
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((how) => {
      if (!ready) reject(new Error(`Station ended before it was ready (${how}):\n${output}`));
    });
  });
}
