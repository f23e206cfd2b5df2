import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each phase of a bench runs in a process of its own, so its peak RSS is its own: the bench's
 * bundle is started again with `--phase <name> --job <file>`; the job file holds the phase's
 * input and the phase writes its result next to it.
 */
export interface PhaseOutput<R> {
  result: R;
  /** Peak resident set size of the phase's process (getrusage ru_maxrss), MiB. */
  peakRssMb: number;
  /** Wall time of the whole process, including start-up and opening databases, s. */
  processSeconds: number;
}

export interface RunPhaseOptions {
  /** Folder for a V8 CPU profile of this phase (node --cpu-prof); none when undefined. */
  cpuProfDir?: string | undefined;
  /** Extra node flags, e.g. a heap limit. */
  nodeFlags?: string[];
}

export async function runPhase<I, R>(
  phase: string,
  input: I,
  workDir: string,
  options: RunPhaseOptions = {},
): Promise<PhaseOutput<R>> {
  const jobFile = join(workDir, `${phase}.job.json`);
  writeFileSync(jobFile, JSON.stringify(input));
  const flags = [...(options.nodeFlags ?? []), '--enable-source-maps'];
  if (options.cpuProfDir) flags.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  const script = process.argv[1] as string;
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [...flags, script, '--phase', phase, '--job', jobFile], {
      stdio: 'inherit',
    });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error(`Phase ${phase} failed (exit ${code})`);
  return JSON.parse(readFileSync(`${jobFile}.result.json`, 'utf8')) as PhaseOutput<R>;
}

/** The phase name when this process was started as a phase, else null. */
function phaseArgs(argv: readonly string[]): { phase: string; jobFile: string } | null {
  const at = argv.indexOf('--phase');
  const jobAt = argv.indexOf('--job');
  if (at === -1 || jobAt === -1) return null;
  return { phase: argv[at + 1] as string, jobFile: argv[jobAt + 1] as string };
}

/** Runs one phase in this process and writes its output for the parent. */
async function servePhase(
  phases: Record<string, (input: never) => Promise<unknown>>,
  { phase, jobFile }: { phase: string; jobFile: string },
): Promise<void> {
  const run = phases[phase];
  if (!run) throw new Error(`Unknown phase ${phase}`);
  const input = JSON.parse(readFileSync(jobFile, 'utf8')) as never;
  const result = await run(input);
  const output: PhaseOutput<unknown> = {
    result,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    processSeconds: process.uptime(),
  };
  writeFileSync(`${jobFile}.result.json`, JSON.stringify(output));
}

/**
 * A bench's entry point: started by runPhase (--phase, --job) it is that phase's process, else it
 * runs `whole` with its command line (the whole bench, in orchestrate.ts).
 */
export async function benchMain(
  phases: Record<string, (input: never) => Promise<unknown>>,
  whole: (argv: string[]) => Promise<void>,
): Promise<void> {
  const phase = phaseArgs(process.argv);
  if (phase) await servePhase(phases, phase);
  else await whole(process.argv.slice(2));
}
