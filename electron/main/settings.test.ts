import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appLayout, resolveShellSettings } from './settings';

const userData = join('/home', 'petugas', '.config', 'lakon-mandira-station');

describe('resolveShellSettings', () => {
  it('defaults: desk window, real station folder, no devtools flag', () => {
    expect(resolveShellSettings(['/usr/bin/electron', '.'], null, userData, {})).toEqual({
      isKiosk: false,
      isDemo: false,
      dataDir: join(userData, 'station'),
      allowDevTools: false,
    });
  });

  it('reads --kiosk, --demo and --data, ignoring Chromium and driver switches', () => {
    const settings = resolveShellSettings(
      [
        'electron',
        '.',
        '--remote-debugging-port=0',
        '--kiosk',
        '--demo',
        '--data=/tmp/lm',
        '--no-sandbox',
      ],
      null,
      userData,
      { LM_DEVTOOLS: '1' },
    );
    expect(settings).toEqual({
      isKiosk: true,
      isDemo: true,
      dataDir: '/tmp/lm',
      allowDevTools: true,
    });
  });

  it('a training station gets its own folder', () => {
    expect(resolveShellSettings(['--demo'], null, userData, {}).dataDir).toBe(
      join(userData, 'training'),
    );
  });

  it('takes the file, and lets the command line win', () => {
    const file = JSON.stringify({ kiosk: true, demo: false });
    expect(resolveShellSettings([], file, userData, {}).isKiosk).toBe(true);
    expect(resolveShellSettings(['--no-kiosk'], file, userData, {}).isKiosk).toBe(false);
    expect(
      resolveShellSettings([], JSON.stringify({ dataDir: '/srv/lm' }), userData, {}).dataDir,
    ).toBe('/srv/lm');
  });

  it.each(['{', '[]', '{"kiosk":"yes"}', '{"colour":"red"}'])(
    'refuses a bad settings file %s',
    (text) => {
      expect(() => resolveShellSettings([], text, userData, {})).toThrow(/shell-settings.json/);
    },
  );
});

describe('appLayout', () => {
  it('development: everything under the repository', () => {
    const layout = appLayout('/repo', false, '/repo/node_modules/electron/dist/resources');
    expect(layout).toEqual({
      rendererDir: join('/repo', 'dist', 'renderer'),
      preloadPath: join('/repo', 'dist', 'electron', 'preload.cjs'),
      resourcesDir: join('/repo', 'resources'),
      nativeBindingCandidate: join('/repo', 'build', 'electron-native', 'better_sqlite3.node'),
    });
  });

  it('packaged: code in app.asar, resources beside it, SQLite unpacked', () => {
    const layout = appLayout('/opt/LM/resources/app.asar', true, '/opt/LM/resources');
    expect(layout.rendererDir).toBe(join('/opt/LM/resources/app.asar', 'dist', 'renderer'));
    expect(layout.resourcesDir).toBe(join('/opt/LM/resources', 'resources'));
    expect(layout.nativeBindingCandidate).toBe(
      join(
        '/opt/LM/resources/app.asar.unpacked/node_modules/better-sqlite3-multiple-ciphers',
        'build/Release/better_sqlite3.node',
      ),
    );
  });
});
