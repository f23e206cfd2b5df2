// Builds everything the station server and the Electron app run: the renderer (Vite), the
// station server bundle and the Electron main/preload bundles (esbuild).
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { buildElectron } from './build-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildAll() {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
  await esbuild({
    entryPoints: [`${root}electron/server/main.ts`],
    outfile: `${root}dist/electron/server.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  await buildElectron();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
