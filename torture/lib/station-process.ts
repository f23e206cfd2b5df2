import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { bundleForNode } from '../../scripts/bundle-node.mjs';

/** Bundles the station server (electron/server/main.ts) where its root lookup finds the repo. */
export function bundleServer(root: string): Promise<string> {
  // main.ts takes the repository root as two folders above the bundle: dist/torture/ works.
  return bundleForNode(
    join(root, 'electron/server/main.ts'),
    join(root, 'dist', 'torture', 'server.mjs'),
  );
}

/** What the harness answers at an announced point: go on, or SIGKILL the process there. */
export type PointAnswer = 'go' | 'kill';

/**
 * A station server process with announced crash points (LM_TORTURE_POINTS=1, db/crash-point.ts):
 * every `POINT <name>` line is put to `onPoint`, and the process waits until it is answered.
 */
export class StationProcess {
  readonly url: string;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #output = '';

  private constructor(
    child: ChildProcessWithoutNullStreams,
    url: string,
    exited: StationProcess['exited'],
  ) {
    this.#child = child;
    this.url = url;
    this.#exited = exited;
  }

  get exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.#exited;
  }

  get output(): string {
    return this.#output;
  }

  /**
   * `tmpDir`, when given, is the process's TMPDIR: what a killed process leaves there (a print's
   * PDF work folder) is the caller's to remove.
   */
  static start(
    serverFile: string,
    dataDir: string,
    onPoint: (name: string) => PointAnswer,
    tmpDir?: string,
  ): Promise<StationProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [serverFile, '--data', dataDir, '--demo', '--port', '0'],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
          env: { ...process.env, LM_TORTURE_POINTS: '1', ...(tmpDir ? { TMPDIR: tmpDir } : {}) },
        },
      );
      let pending = '';
      let station: StationProcess | null = null;
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.on('exit', (code, signal) => done({ code, signal })),
      );
      child.stdin.on('error', () => {});
      child.stderr.on('data', (chunk: Buffer) => {
        if (station) station.#output += chunk.toString();
      });
      child.stdout.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (station) station.#output += `${line}\n`;
          if (line.startsWith('POINT ')) {
            const answer = station ? onPoint(line.slice('POINT '.length)) : 'go';
            if (answer === 'kill') child.kill('SIGKILL');
            else child.stdin.write('g');
          } else if (line.startsWith('STATION_READY ') && !station) {
            station = new StationProcess(child, line.slice('STATION_READY '.length).trim(), exited);
            resolve(station);
          }
        }
      });
      child.on('error', reject);
      void exited.then(({ code, signal }) => {
        if (!station)
          reject(new Error(`the station ended before it was ready (${code ?? signal})`));
      });
    });
  }

  /** SIGKILL now (a crash at whatever the process is doing), and wait for the end. */
  async kill(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.#exited;
  }
}
