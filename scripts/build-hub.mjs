// Bundles the district hub (electron/hub/main.ts) for plain Node: `npm run hub -- <command>`.
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

await bundleForNode(`${root}electron/hub/main.ts`, `${root}dist/electron/hub.mjs`, {
  sourcemap: true,
});
