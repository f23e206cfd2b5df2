// `npm start`: build the renderer and the Electron bundles, make sure the Electron binary and an
// Electron-ABI build of SQLite exist, then run the app. Arguments after `--` go to the app
// (e.g. `npm start -- --demo --kiosk`).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const isWindows = process.platform === 'win32';
const electronVersion = readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
const sqlitePackage = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
const nativeDir = join(root, 'build', 'electron-native');
const nativeSrc = join(root, 'build', 'electron-native-src');

const NO_BINARY = `
Electron ${electronVersion} could not be downloaded (usually: no connection to its download site),
so the desktop app cannot start on this machine.
  - Get it:  npm run electron:install   (needs internet; or set ELECTRON_MIRROR to a reachable mirror)
  - Offline: copy an electron-v${electronVersion} build for this platform into node_modules/electron/dist/
             and write the executable's name (e.g. "electron") into node_modules/electron/path.txt
  - The same app runs in a browser without Electron:  npm run station -- --demo

Electron ${electronVersion} tidak dapat diunduh (biasanya: tidak ada koneksi ke situs unduhannya),
sehingga aplikasi desktop tidak dapat dijalankan di komputer ini.
  - Unduh:   npm run electron:install   (perlu internet; atau atur ELECTRON_MIRROR ke mirror yang dapat dijangkau)
  - Luring:  salin build electron-v${electronVersion} untuk platform ini ke node_modules/electron/dist/
             lalu tulis nama berkas programnya (mis. "electron") ke node_modules/electron/path.txt
  - Aplikasi yang sama berjalan di peramban tanpa Electron:  npm run station -- --demo
`;

async function main() {
  step('Building the renderer');
  // The shell resolves npx.cmd on Windows.
  run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { shell: isWindows });
  step('Building the Electron main process and preload');
  await buildElectron();

  let electron = electronBinary();
  if (!electron) {
    step(`Electron ${electronVersion} binary missing; trying to download it once`);
    const install = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'electron', 'install.js')],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 15 * 60_000,
        env: withoutKeys(process.env, ['ELECTRON_SKIP_BINARY_DOWNLOAD']),
      },
    );
    electron = electronBinary();
    if (!electron) {
      const reason = firstLine(install.stderr) || firstLine(install.error?.message);
      console.error(NO_BINARY + (reason ? `\n(${reason})\n` : ''));
      return 1;
    }
  }
  ensureNativeModule();
  step(`Starting Electron ${electronVersion}`);
  return runApp(electron, process.argv.slice(2));
}

/** The Electron executable, or null when its download was skipped or failed. */
function electronBinary() {
  // A fresh process: require('electron') caches, and install.js writes path.txt as it finishes.
  const probe = spawnSync(process.execPath, ['-p', 'require("electron")'], {
    cwd: root,
    encoding: 'utf8',
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path && existsSync(path) ? path : null;
}

/**
 * better-sqlite3 built for Electron's ABI, kept apart from node_modules: tests and the station
 * server load the Node-ABI build there, so it is never rebuilt in place.
 */
function ensureNativeModule() {
  const binary = join(nativeDir, 'better_sqlite3.node');
  const stampFile = join(nativeDir, 'build-info.json');
  const stamp = JSON.stringify({
    electron: electronVersion,
    sqlite: readJson(join(sqlitePackage, 'package.json')).version,
    platform: process.platform,
    arch: process.arch,
  });
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return;
  step('Building better-sqlite3-multiple-ciphers for Electron (once, takes a few minutes)');
  rmSync(nativeSrc, { recursive: true, force: true });
  const nodeAbiBuild = join(sqlitePackage, 'build');
  cpSync(sqlitePackage, nativeSrc, {
    recursive: true,
    filter: (source) => source !== nodeAbiBuild && !source.startsWith(nodeAbiBuild + sep),
  });
  const hint =
    'Building needs python3, make and a C++ compiler (Windows: Visual Studio Build Tools) and\n' +
    'one download of the Electron headers from https://electronjs.org/headers.';
  run(
    process.execPath,
    [
      nodeGyp(),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
      `--arch=${process.arch}`,
    ],
    { cwd: nativeSrc, hint },
  );
  mkdirSync(nativeDir, { recursive: true });
  cpSync(join(nativeSrc, 'build', 'Release', 'better_sqlite3.node'), binary);
  writeFileSync(stampFile, stamp);
}

function nodeGyp() {
  const fromNpm = process.env['npm_config_node_gyp'];
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  return require.resolve('node-gyp/bin/node-gyp.js');
}

function runApp(electron, args) {
  return new Promise((resolve) => {
    const child = spawn(electron, ['.', ...args], {
      cwd: root,
      stdio: 'inherit',
      // ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
      env: withoutKeys(process.env, ['ELECTRON_RUN_AS_NODE']),
    });
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => child.kill(signal));
    }
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`Could not start Electron: ${error.message}`);
      resolve(1);
    });
  });
}

/** @param {{ cwd?: string, shell?: boolean, hint?: string }} [options] */
function run(command, args, { cwd = root, shell = false, hint = '' } = {}) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell });
  if (result.status !== 0) {
    console.error(`\nFailed: ${command} ${args.join(' ')}${hint ? `\n${hint}` : ''}`);
    process.exit(result.status ?? 1);
  }
}

function step(message) {
  console.log(`\n▶ ${message}`);
}

function firstLine(text) {
  return (text ?? '').trim().split('\n')[0]?.trim() ?? '';
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function withoutKeys(env, keys) {
  const copy = { ...env };
  for (const key of keys) delete copy[key];
  return copy;
}

process.exitCode = await main();
