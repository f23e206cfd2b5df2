import { join } from 'node:path';

/** How this station's shell starts. Chosen once per machine; the CLI wins over the file. */
export interface ShellSettings {
  isKiosk: boolean;
  isDemo: boolean;
  /** Data folder: database, keys, attachments. */
  dataDir: string;
  allowDevTools: boolean;
}

export const SETTINGS_FILE = 'shell-settings.json';

/**
 * Reads `--kiosk`/`--no-kiosk`, `--demo`, `--data=DIR` from argv and `{ "kiosk": true,
 * "demo": false, "dataDir": "..." }` from `<userData>/shell-settings.json` (written by whoever
 * installs a kiosk PC). Unknown arguments are ignored: Chromium and test drivers add their own.
 */
export function resolveShellSettings(
  argv: readonly string[],
  fileText: string | null,
  userData: string,
  env: NodeJS.ProcessEnv,
): ShellSettings {
  const file = parseFile(fileText);
  const flag = (name: string): boolean | undefined => {
    if (argv.includes(`--${name}`)) return true;
    if (argv.includes(`--no-${name}`)) return false;
    return undefined;
  };
  const dataArg = argv.find((arg) => arg.startsWith('--data='))?.slice('--data='.length);
  const isDemo = flag('demo') ?? file.demo ?? false;
  return {
    isKiosk: flag('kiosk') ?? file.kiosk ?? false,
    isDemo,
    dataDir: dataArg || file.dataDir || join(userData, isDemo ? 'training' : 'station'),
    allowDevTools: env['LM_DEVTOOLS'] === '1',
  };
}

function parseFile(text: string | null): { kiosk?: boolean; demo?: boolean; dataDir?: string } {
  if (text === null) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${SETTINGS_FILE} is not valid JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${SETTINGS_FILE} must hold a JSON object`);
  }
  const record = raw as Record<string, unknown>;
  const result: { kiosk?: boolean; demo?: boolean; dataDir?: string } = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if ((key === 'kiosk' || key === 'demo') && typeof value === 'boolean') result[key] = value;
    else if (key === 'dataDir' && typeof value === 'string' && value !== '') result.dataDir = value;
    else throw new Error(`${SETTINGS_FILE}: unexpected ${key}=${JSON.stringify(value)}`);
  }
  return result;
}

export interface AppLayout {
  rendererDir: string;
  preloadPath: string;
  resourcesDir: string;
  /** better-sqlite3 built for Electron's ABI; main uses it when the file exists. */
  nativeBindingCandidate: string;
}

/**
 * Where things are. Development: everything under the repository (app.getAppPath()), the
 * Electron-ABI SQLite build in build/electron-native (made by `npm start`). Packaged: code in
 * app.asar, resources/ copied next to it by electron-builder's extraResources, and the native
 * module rebuilt for Electron by electron-builder and unpacked from the asar.
 */
export function appLayout(appPath: string, isPackaged: boolean, resourcesPath: string): AppLayout {
  return {
    rendererDir: join(appPath, 'dist', 'renderer'),
    preloadPath: join(appPath, 'dist', 'electron', 'preload.cjs'),
    resourcesDir: isPackaged ? join(resourcesPath, 'resources') : join(appPath, 'resources'),
    nativeBindingCandidate: isPackaged
      ? join(
          resourcesPath,
          'app.asar.unpacked',
          'node_modules',
          'better-sqlite3-multiple-ciphers',
          'build',
          'Release',
          'better_sqlite3.node',
        )
      : join(appPath, 'build', 'electron-native', 'better_sqlite3.node'),
  };
}
