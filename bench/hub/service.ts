import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhaseOutput, RunPhaseOptions } from '../lib/phase';

/**
 * A phase that serves while other phases run (the hub, the bare baseline server): started like
 * any phase (bench/lib/phase.ts: the bench's bundle again with --phase and --job, so its peak RSS
 * is its own) but with an IPC channel. The child says `ready` with its address once it listens;
 * the parent says `stop` when the clients are done, and the child closes, leaves the channel and
 * writes its result (with its ru_maxrss) as every phase does.
 */
export interface RunningService<R> {
  url: string;
  pid: number;
  /** Current and peak resident set of the child (/proc/<pid>/status VmRSS, VmHWM), MiB. */
  memory(): { rssMb: number; hwmMb: number } | null;
  stop(): Promise<PhaseOutput<R>>;
}

type ServiceMessage = { type: 'ready'; url: string };

export async function startService<I, R>(
  phase: string,
  input: I,
  workDir: string,
  options: RunPhaseOptions = {},
): Promise<RunningService<R>> {
  const jobFile = join(workDir, `${phase}.job.json`);
  writeFileSync(jobFile, JSON.stringify(input));
  const script = process.argv[1] as string;
  const flags = ['--enable-source-maps'];
  if (options.cpuProfDir) flags.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  const child = spawn(process.execPath, [...flags, script, '--phase', phase, '--job', jobFile], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (message: ServiceMessage) => {
      if (message.type === 'ready') resolve(message.url);
    });
    void exited.then(([code]) => reject(new Error(`${phase} ended before it was ready (${code})`)));
  });
  const url = await ready;
  const pid = child.pid as number;
  return {
    url,
    pid,
    memory: () => procMemory(pid),
    stop: async () => {
      child.send({ type: 'stop' });
      const [code, signal] = await exited;
      if (code !== 0) throw new Error(`${phase} failed (exit ${code ?? signal})`);
      return JSON.parse(readFileSync(`${jobFile}.result.json`, 'utf8')) as PhaseOutput<R>;
    },
  };
}

/** VmRSS and VmHWM of a process, MiB (null once it is gone). */
export function procMemory(pid: number): { rssMb: number; hwmMb: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** In the child: tells the parent where it listens, then resolves when the parent says stop. */
export async function serveUntilStopped(url: string): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('A service phase needs an IPC channel (startService)');
  const stopped = new Promise<void>((resolve) => {
    process.on('message', (message: { type?: string }) => {
      if (message.type === 'stop') resolve();
    });
  });
  send({ type: 'ready', url });
  await stopped;
}

/** In the child, once it has closed: leave the channel so the process can end. */
export function leaveParent(): void {
  process.removeAllListeners('message');
  process.disconnect?.();
}
