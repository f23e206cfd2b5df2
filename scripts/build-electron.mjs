// Bundles the Electron main process and the preload with esbuild.
//   dist/electron/main.cjs     Node (Electron main), CommonJS, every npm package left external
//   dist/electron/preload.cjs  sandboxed preload, CommonJS, only `electron` left external
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {{ outDir?: string }} [options] */
export async function buildElectron({ outDir = join(root, 'dist', 'electron') } = {}) {
  const common = {
    bundle: true,
    format: /** @type {const} */ ('cjs'),
    sourcemap: true,
    logLevel: /** @type {const} */ ('warning'),
    // import.meta is empty in CommonJS: fail the build instead of shipping a broken path.
    logOverride: { 'empty-import-meta': /** @type {const} */ ('error') },
  };
  await build({
    ...common,
    entryPoints: [join(root, 'electron', 'main', 'main.ts')],
    outfile: join(outDir, 'main.cjs'),
    platform: 'node',
    // Electron 41 runs Node 24; node22 is a safe floor for syntax.
    target: 'node22',
    packages: 'external',
    external: ['electron'],
  });
  await build({
    ...common,
    entryPoints: [join(root, 'electron', 'preload', 'preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    // A sandboxed preload is a browser context with a require() that knows only 'electron'.
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildElectron();
}
