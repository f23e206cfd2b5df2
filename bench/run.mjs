// Runs the benchmarks: `npm run bench` (all of them) or `npm run bench -- registry --residents 100000`.
// Node 20 cannot run TypeScript, so each bench's entry (bench/<name>/main.ts) is bundled with
// esbuild to dist/bench/<name>.mjs (npm packages left external) and run in its own process; a
// bench then runs each of its phases in a child process of its own so that peak RSS is per phase.
// Options after the bench names are passed to every selected bench (see bench/README.md).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE } from '../scripts/bundle-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every bench, in the order `npm run bench` runs them. Add a bench here and in bench/<name>/. */
const BENCHES = ['registry', 'sync', 'load', 'hub', 'outreach'];

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const names = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
const unknown = names.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${BENCHES.join(', ')}.`);
  process.exit(2);
}
const selected = names.length > 0 ? names : BENCHES;

await build({
  entryPoints: selected.map((name) => ({
    in: join(root, 'bench', name, 'main.ts'),
    out: name,
  })),
  outdir: join(root, 'dist', 'bench'),
  outExtension: { '.js': '.mjs' },
  ...NODE_BUNDLE,
  sourcemap: true,
});

let failed = 0;
for (const name of selected) {
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(root, 'dist', 'bench', `${name}.mjs`), ...options],
      { stdio: 'inherit', cwd: root },
    );
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) {
    console.error(`bench ${name} failed (exit ${code})`);
    failed += 1;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
