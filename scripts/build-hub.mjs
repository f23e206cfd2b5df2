// Bundles the district hub (electron/hub/main.ts) for plain Node: `npm run hub -- <command>`.
// `serve` also serves the back-office web app (dist/renderer/office.html), so the renderer is
// built first whenever that page is missing or older than any renderer source. When it is up to
// date nothing but the hub bundle is made, so `npm run hub -- --help` stays quick.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const renderer = join(root, 'renderer');
const OFFICE_PAGE = join(root, 'dist/renderer/office.html');

/** The newest modification time (ms) of the files the renderer build reads. */
function newestRendererSource() {
  let newest = 0;
  const note = (/** @type {string} */ path) => {
    newest = Math.max(newest, statSync(path).mtimeMs);
  };
  for (const file of ['index.html', 'office.html', 'vite.config.ts']) note(join(renderer, file));
  for (const folder of ['src', 'public']) {
    for (const entry of readdirSync(join(renderer, folder), { recursive: true })) {
      const path = join(renderer, folder, String(entry));
      if (statSync(path).isFile()) note(path);
    }
  }
  return newest;
}

/** Whether dist/renderer lacks the back-office page or is older than its sources. */
function isRendererStale() {
  if (!existsSync(OFFICE_PAGE)) return true;
  return statSync(OFFICE_PAGE).mtimeMs < newestRendererSource();
}

if (isRendererStale()) {
  // Loaded only when needed: a fresh build costs nothing but this check.
  const { build } = await import('vite');
  await build({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
}
await bundleForNode(`${root}electron/hub/main.ts`, `${root}dist/electron/hub.mjs`, {
  sourcemap: true,
});
