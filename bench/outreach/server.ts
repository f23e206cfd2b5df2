import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface StationProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Everything the station printed (for a failure message). */
  output(): string;
  /** Peak resident set size of the station process so far (VmHWM), MiB. */
  peakRssMb(): number;
  /** Current resident set size (VmRSS), MiB. */
  rssMb(): number;
  /** CPU time the station process has used so far (user + system, /proc/<pid>/stat), s. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** A field of /proc/<pid>/status in MiB (Linux). */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** User + system CPU seconds of a process (Linux; clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at "state"; utime is field 14.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Starts the station server bundle (`script`, electron/server/main.ts as the station runs it)
 * as a child process: a training station (`--demo`) in `dataDir` on a free loopback port, or with
 * the extra arguments given. Resolves once it prints STATION_READY.
 */
export function startStation(
  script: string,
  dataDir: string,
  extraArgs: readonly string[] = [],
  cwd: string = process.cwd(),
): Promise<StationProcess> {
  const child = spawn(
    process.execPath,
    [script, '--port', '0', '--data', dataDir, '--demo', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd },
  );
  let output = '';
  const pid = child.pid as number;
  // The station never outlives the bench, even when the bench is stopped or fails.
  const killChild = () => child.kill('SIGKILL');
  const onSignal = (signal: NodeJS.Signals) => {
    killChild();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killChild);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  child.once('exit', () => {
    process.off('exit', killChild);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /STATION_READY (\S+)/.exec(output);
      if (match?.[1])
        resolve({
          child,
          pid,
          url: match[1],
          output: () => output,
          peakRssMb: () => statusMb(pid, 'VmHWM'),
          rssMb: () => statusMb(pid, 'VmRSS'),
          cpuSeconds: () => cpuOf(pid),
          stop,
        });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`Station exited with ${code ?? signal}:\n${output}`)),
    );
  });
}
