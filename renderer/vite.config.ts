import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The face detector's weights, shipped from node_modules into the build as models/face/ so the
 * portrait step loads them from the app's own origin (never a download at run time). Only the
 * two networks renderer/src/lib/portrait/detector.ts uses; the dev server serves the same files.
 */
const FACE_MODEL_DIR = fileURLToPath(
  new URL('../node_modules/@vladmandic/face-api/model/', import.meta.url),
);
const FACE_MODEL_FILES = ['tiny_face_detector_model', 'face_landmark_68_model'].flatMap((m) => [
  `${m}-weights_manifest.json`,
  `${m}.bin`,
]);

function faceModels(): Plugin {
  return {
    name: 'lm-face-models',
    configureServer(server) {
      server.middlewares.use('/models/face/', (req, res, next) => {
        const name = (req.url ?? '').replace(/^\/+/, '').split('?')[0] ?? '';
        if (!FACE_MODEL_FILES.includes(name)) return next();
        res.setHeader(
          'content-type',
          name.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        res.end(readFileSync(FACE_MODEL_DIR + name));
      });
    },
    generateBundle() {
      for (const name of FACE_MODEL_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `models/face/${name}`,
          source: readFileSync(FACE_MODEL_DIR + name),
        });
      }
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs: Electron loads the build from its own app origin, the station server from /.
  base: './',
  // No svelte.config.js: the defaults (runes detection, TypeScript via vitePreprocess) suffice.
  plugins: [svelte({ configFile: false }), faceModels()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Two pages, one build: the station (kiosk and officer) and the district back-office, which
    // the hub serves. Each page loads only its own chunks and the lib/ parts both use.
    rolldownOptions: {
      input: { index: `${here}index.html`, office: `${here}office.html` },
    },
  },
});
