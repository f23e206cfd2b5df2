import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowSettings {
  isKiosk: boolean;
  preloadPath: string;
  /** Developer tools even in kiosk mode (LM_DEVTOOLS=1); never on by default at a kiosk. */
  allowDevTools?: boolean;
}

export const WINDOW_TITLE = 'Lakon Mandira Station';
/** Matches the renderer's page background, so no white flash before the first paint. */
export const WINDOW_BACKGROUND = '#f5f7fa';

/**
 * The locked-down preferences every window shares: the page gets no Node, no Electron, and
 * runs in Chromium's sandbox; the preload talks to it only through contextBridge.
 */
export function lockedWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function windowOptions(settings: WindowSettings): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: WINDOW_TITLE,
    backgroundColor: WINDOW_BACKGROUND,
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      ...lockedWebPreferences(),
      preload: settings.preloadPath,
      devTools: !settings.isKiosk || settings.allowDevTools === true,
    },
  };
  return settings.isKiosk ? { ...common, kiosk: true, fullscreen: true, frame: false } : common;
}
