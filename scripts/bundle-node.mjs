// One way to turn a TypeScript entry into a file plain Node 20 runs (it cannot run TypeScript):
// the build scripts, the benches, the torture harnesses and the tests that start a child process
// all bundle with these esbuild options. npm packages stay external (node_modules is there).
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The esbuild options every Node bundle of ours shares (for a build with several entries). */
export const NODE_BUNDLE = /** @type {const} */ ({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

/**
 * Bundles `entry` to `outfile` (and `outfile.map` with `sourcemap`). Each file is written aside
 * and renamed into place, so a process started from it by another run never reads half a file.
 * @param {string} entry
 * @param {string} outfile
 * @param {{ sourcemap?: boolean }} [options]
 * @returns {Promise<string>} outfile
 */
export async function bundleForNode(entry, outfile, { sourcemap = false } = {}) {
  const built = await build({
    ...NODE_BUNDLE,
    entryPoints: [entry],
    outfile,
    sourcemap,
    write: false,
  });
  mkdirSync(dirname(outfile), { recursive: true });
  for (const file of built.outputFiles) {
    const part = `${file.path}.${process.pid}.part`;
    writeFileSync(part, file.contents);
    renameSync(part, file.path);
  }
  return outfile;
}
