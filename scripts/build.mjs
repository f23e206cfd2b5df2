// Builds everything the station server and the Electron app run: the renderer (Vite), the
// station server bundle and the Electron main/preload bundles (esbuild).
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { buildElectron } from './build-electron.mjs';
import { bundleForNode } from './bundle-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildAll() {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
  await bundleForNode(`${root}electron/server/main.ts`, `${root}dist/electron/server.mjs`, {
    sourcemap: true,
  });
  await buildElectron();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll();
}
