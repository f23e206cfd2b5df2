// Runs npm scripts side by side (`npm test` uses it for the type checks, the linters and the
// build, which are independent of each other): at most --jobs at a time (default: the number of
// cores), in the order given (put the longest first), each line of output prefixed with the
// script's name. Every script runs to its end even when another fails; the exit code is non-zero
// if any of them failed, and a summary with each script's time and result closes the output.
//
//   node scripts/run-parallel.mjs [--jobs N] script-name...
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const args = process.argv.slice(2);
let jobs = availableParallelism();
const names = [];
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--jobs') jobs = Number(args[(i += 1)]);
  else if (arg !== undefined) names.push(arg);
}
if (names.length === 0 || !Number.isInteger(jobs) || jobs < 1) {
  console.error('usage: node scripts/run-parallel.mjs [--jobs N] script-name...');
  process.exit(2);
}

const width = Math.max(...names.map((name) => name.length));
const npm = process.env['npm_execpath'];
/** @type {{ name: string, code: number | null, signal: string | null, seconds: number }[]} */
const results = [];

/** Writes each complete line of `stream` to `out` behind `prefix`; the rest at the end. */
function pipeLines(stream, out, prefix) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (lines.length > 0) out.write(lines.map((line) => `${prefix}${line}\n`).join(''));
  });
  stream.on('end', () => {
    if (pending !== '') out.write(`${prefix}${pending}\n`);
  });
}

/** @param {string} name */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const prefix = `[${name.padEnd(width)}] `;
    // Through npm (its own node_modules/.bin on PATH), as `npm run <name>` would.
    const [command, commandArgs] = npm
      ? [process.execPath, [npm, 'run', '--silent', name]]
      : ['npm', ['run', '--silent', name]];
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutDone = false;
    let stderrDone = false;
    let exit = null;
    let isDone = false;
    const finish = () => {
      if (isDone || !stdoutDone || !stderrDone || exit === null) return;
      isDone = true;
      const seconds = (Date.now() - started) / 1000;
      results.push({ name, ...exit, seconds });
      const outcome = exit.code === 0 ? 'ok' : `FAILED (${exit.signal ?? `exit ${exit.code}`})`;
      console.log(`${prefix}${outcome} in ${seconds.toFixed(1)} s`);
      resolve(undefined);
    };
    pipeLines(child.stdout, process.stdout, prefix);
    pipeLines(child.stderr, process.stderr, prefix);
    child.stdout.on('end', () => ((stdoutDone = true), finish()));
    child.stderr.on('end', () => ((stderrDone = true), finish()));
    child.on('error', (error) => {
      console.error(`${prefix}${error.message}`);
      exit = { code: 1, signal: null };
      stdoutDone = stderrDone = true;
      finish();
    });
    child.on('close', (code, signal) => {
      exit ??= { code, signal };
      finish();
    });
  });
}

const queue = [...names];
async function worker() {
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) await run(name);
}
const started = Date.now();
await Promise.all(Array.from({ length: Math.min(jobs, names.length) }, worker));

const failed = results.filter((result) => result.code !== 0);
console.log(
  `run-parallel: ${results.length - failed.length} of ${results.length} ok in ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s (` +
    results.map((r) => `${r.name} ${r.seconds.toFixed(0)} s`).join(', ') +
    ')',
);
if (failed.length > 0) {
  console.error(`run-parallel: failed: ${failed.map((result) => result.name).join(', ')}`);
  process.exit(1);
}
