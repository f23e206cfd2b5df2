import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { formatSetupCode } from '../core/auth/setup-code';
import { openStation, StationOpenError, type Station } from '../core/compose';
import { systemDrives } from '../core/sync/drives';
import { readHubCa } from '../core/sync/hub-fetch';
import { consoleLogger, systemClock } from '../core/system-ports';
import { systemIds } from '../core/uuid';
import { NodeHidBackend } from '../devices/hid.node';
import { appProtocolHandler } from './app-protocol';
import { IpcHost } from './ipc-host';
import { openKeyStore } from './key-store.passphrase';
import { KeyStoreError } from './key-store.safe-storage';
import { lockDownSession, lockDownWebContents } from './lockdown';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './navigation';
import { electronPassphrasePrompt } from './passphrase-prompt';
import { ElectronPrinter } from './printer.electron';
import { appLayout, resolveShellSettings, SETTINGS_FILE } from './settings';
import { windowOptions } from './window-options';

const log = consoleLogger('shell');
let isStarting = true;
const TITLE = 'Lakon Mandira Station';

// Before `ready`: the scheme's privileges are fixed when Chromium starts.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same database; hand over to the running one.
  app.quit();
} else {
  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) =>
    lockDownWebContents(contents, { log, openExternal: (url) => shell.openExternal(url) }),
  );
  // The start-up passphrase prompt may be the only window for a while: closing it is handled there.
  app.on('window-all-closed', () => {
    if (!isStarting) app.quit();
  });
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const settingsFile = join(userData, SETTINGS_FILE);
  const settings = resolveShellSettings(
    process.argv,
    existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null,
    userData,
    process.env,
  );
  const layout = appLayout(app.getAppPath(), app.isPackaged, process.resourcesPath);
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  lockDownSession(session.defaultSession, log);
  protocol.handle(APP_SCHEME, appProtocolHandler(layout.rendererDir));

  const nativeBinding = existsSync(layout.nativeBindingCandidate)
    ? layout.nativeBindingCandidate
    : undefined;
  if (!nativeBinding) log.warn('No Electron-ABI SQLite build found; using the package default');
  // A real OS keyring, or a passphrase asked for here; never basic_text obfuscation (finding 1.11).
  const keyStore = await openKeyStore(
    join(settings.dataDir, 'keys'),
    safeStorage,
    log,
    electronPassphrasePrompt,
  );
  if (!keyStore) {
    log.warn('No key passphrase given; quitting without opening the station');
    app.quit();
    return;
  }
  const station = await openStation(
    {
      clock: systemClock,
      ids: systemIds(systemClock),
      paths: { dataDir: settings.dataDir, resourcesDir: layout.resourcesDir },
      keyStore,
      printer: new ElectronPrinter(),
      log: consoleLogger('station'),
      hid: new NodeHidBackend(),
      drives: systemDrives(process.platform),
    },
    {
      host: 'electron',
      encrypt: true,
      demo: settings.isDemo,
      autoSyncMs: 60_000,
      // The district's own CA for an https:// hub (docs/sync-protocol.md, "TLS").
      hubCa: process.env['LM_HUB_CA_FILE'] ? readHubCa(process.env['LM_HUB_CA_FILE']) : undefined,
      nativeBinding,
      versions: {
        app: app.getVersion(),
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
        sqlite: 'sqlite3mc',
      },
    },
  );
  closeOnQuit(station);
  const ipcHost = new IpcHost(ipcMain, station.dispatcher, () => station.initialSession(), log);

  const window = new BrowserWindow(
    windowOptions({
      isKiosk: settings.isKiosk,
      preloadPath: layout.preloadPath,
      allowDevTools: settings.allowDevTools,
    }),
  );
  ipcHost.attach(window.webContents);
  window.once('ready-to-show', () => window.show());
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('Renderer gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason !== 'clean-exit') setTimeout(() => window.reload(), 2_000);
  });
  isStarting = false;
  await window.loadURL(APP_ENTRY_URL);
  log.info('Station window open', { kiosk: settings.isKiosk, training: settings.isDemo });
  showSetupCodes(station, window);
}

/**
 * First run of a real station (finding 1.2; docs/accounts.md): the one-time setup code is shown
 * by the main process in its own dialog and console, never through the renderer's bridge, so no
 * page (and no kiosk screen) can read it. Shown again when a new code replaces a guessed-at one.
 */
function showSetupCodes(station: Station, window: BrowserWindow): void {
  const show = (code: string) => {
    console.log(`Kode penyiapan admin pertama (sekali pakai): ${formatSetupCode(code)}`);
    void dialog.showMessageBox(window, {
      type: 'info',
      title: TITLE,
      message: `Kode penyiapan admin pertama: ${formatSetupCode(code)}`,
      detail:
        'Ketik kode ini di layar "Pengaturan pertama: administrator" (tombol Petugas) di komputer ini. ' +
        'Kode hanya berlaku sekali. Jangan tinggalkan pesan ini terbuka di layar kiosk.',
    });
  };
  const code = station.auth.setupCodes.current();
  if (code) show(code);
  station.auth.setupCodes.onIssued(show);
}

/** Closes the database before the process exits, so the WAL is checkpointed cleanly. */
function closeOnQuit(station: Station): void {
  let isClosed = false;
  app.on('will-quit', (event) => {
    if (isClosed) return;
    event.preventDefault();
    station.close().then(
      () => {
        isClosed = true;
        app.quit();
      },
      (error: unknown) => {
        log.error('Closing the station failed', { error: String(error) });
        app.exit(1);
      },
    );
  });
}

/** Start-up failures: the message for the officer, never a stack trace; the data is left as is. */
function fatal(error: unknown): void {
  log.error('Start-up failed', { error: String((error as Error)?.stack ?? error) });
  const isExpected = error instanceof StationOpenError || error instanceof KeyStoreError;
  dialog.showErrorBox(
    TITLE,
    isExpected
      ? `${error.messageId}\n\n(${error.message})`
      : `Aplikasi tidak dapat dimulai. Data tidak diubah. Hubungi admin Disdukcapil.\n\n(${String(error)})`,
  );
  app.exit(1);
}
