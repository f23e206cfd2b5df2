// Bundles the district hub (electron/hub/main.ts) for plain Node: `npm run hub -- <command>`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  entryPoints: [`${root}electron/hub/main.ts`],
  outfile: `${root}dist/electron/hub.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
