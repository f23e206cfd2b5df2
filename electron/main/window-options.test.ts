import { describe, expect, it } from 'vitest';
import { lockedWebPreferences, windowOptions } from './window-options';

const LOCKED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const;

describe('windowOptions', () => {
  for (const isKiosk of [true, false]) {
    describe(isKiosk ? 'kiosk' : 'desk', () => {
      const options = windowOptions({ isKiosk, preloadPath: '/app/dist/electron/preload.cjs' });
      const prefs = options.webPreferences ?? {};

      for (const [flag, value] of Object.entries(LOCKED)) {
        it(`sets ${flag}=${String(value)}`, () => {
          expect(prefs[flag as keyof typeof prefs]).toBe(value);
        });
      }

      it('uses the given preload and no menu bar', () => {
        expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
        expect(options.autoHideMenuBar).toBe(true);
        expect(options.minWidth).toBeGreaterThanOrEqual(1024);
        expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
        expect(options.show).toBe(false);
      });
    });
  }

  it('kiosk: full screen, frameless, no developer tools', () => {
    const options = windowOptions({ isKiosk: true, preloadPath: 'p' });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(options.webPreferences?.devTools).toBe(false);
  });

  it('kiosk: developer tools only when explicitly allowed', () => {
    const options = windowOptions({ isKiosk: true, preloadPath: 'p', allowDevTools: true });
    expect(options.webPreferences?.devTools).toBe(true);
    expect(options.kiosk).toBe(true);
  });

  it('desk: a normal framed window with developer tools', () => {
    const options = windowOptions({ isKiosk: false, preloadPath: 'p' });
    expect(options.kiosk).toBeUndefined();
    expect(options.fullscreen).toBeUndefined();
    expect(options.frame).toBeUndefined();
    expect(options.webPreferences?.devTools).toBe(true);
  });

  it('the shared preferences carry no preload', () => {
    expect(lockedWebPreferences().preload).toBeUndefined();
    expect(lockedWebPreferences()).toMatchObject(LOCKED);
  });
});
