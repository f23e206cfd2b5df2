import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, WebSocket as PageSocket } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  lanAddress,
  servedCertificate,
  type ServedCertificate,
} from '../../electron/testing/outreach-e2e';
import { startTestOffice, type TestOffice } from '../../electron/testing/office';
import { fakeCameraArgs } from './fake-camera';
import { freshDataDir, launchBrowser } from './harness';
import { writePortraitCameras } from './portrait-frames';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The outreach e2e's world (issue 16): a training station server started as a child with
 * `--lan`, reached ONLY at this machine's LAN address over TLS with the certificate the station
 * made itself; a Chromium that trusts exactly that certificate (its key's hash in
 * --ignore-certificate-errors-spki-list; contexts keep ignoreHTTPSErrors off) and whose webcam
 * plays a real face; and a district hub (with its back-office) the station enrols at.
 */

export interface LanStation {
  /** The LAN address (first non-internal IPv4), e.g. 192.0.2.2. */
  address: string;
  port: number;
  /** https://ADDRESS:PORT */
  origin: string;
  /** The host laptop's own screen: the origin with the pairing token (`/?pair=T`). */
  hostUrl: string;
  token: string;
  dataDir: string;
  /** What the station printed as LAN_CERT_FINGERPRINT. */
  printedFingerprint: string;
  /** The certificate it actually serves at ADDRESS:PORT. */
  served: ServedCertificate;
  output(): string;
  /** Resolves with the first match of `pattern` in the station's output (now or later). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}

/**
 * Starts `node dist/electron/server.mjs --demo --lan --pairing-token T --port 0 --data DIR`,
 * waits for its STATION_READY and LAN_CERT_FINGERPRINT lines, then reads the certificate served
 * at the LAN address and checks it is the one the station announced.
 */
export async function startLanStation(dataDir = freshDataDir()): Promise<LanStation> {
  const address = lanAddress();
  const token = randomBytes(24).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'dist/electron/server.mjs'),
      '--demo',
      '--lan',
      '--pairing-token',
      token,
      '--port',
      '0',
      '--data',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  const waiters = new Set<() => void>();
  const onChunk = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout?.on('data', onChunk);
  child.stderr?.on('data', onChunk);
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
    for (const waiter of [...waiters]) waiter();
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(text);
        if (match) {
          done();
          resolve(match);
        } else if (exited !== undefined) {
          done();
          reject(new Error(`Station exited (${exited}) before ${pattern}:\n${text}`));
        }
      };
      // A guard against a station that never says it, not a wait for something to happen.
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Station did not print ${pattern} within ${timeoutMs} ms:\n${text}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });

  try {
    const ready = await waitForOutput(/STATION_READY (\S+)/);
    const url = new URL(ready[1] ?? '');
    if (url.protocol !== 'https:')
      throw new Error(`The LAN station must serve HTTPS with its own certificate, got ${url.href}`);
    const port = Number(url.port);
    const printed = await waitForOutput(/LAN_CERT_FINGERPRINT ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/i);
    const served = await servedCertificate(address, port);
    const printedFingerprint = (printed[1] ?? '').toUpperCase();
    if (printedFingerprint !== served.fingerprint)
      throw new Error(
        `The certificate served at ${address}:${port} (${served.fingerprint}) is not the one ` +
          `the station announced (${printedFingerprint})`,
      );
    const origin = `https://${address}:${port}`;
    return {
      address,
      port,
      origin,
      hostUrl: `${origin}/?pair=${encodeURIComponent(token)}`,
      token,
      dataDir,
      printedFingerprint,
      served,
      output: () => text,
      waitForOutput,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A page in a browser context of its own (its own cookies: another browser on the LAN). */
export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions, except the refusals the tests cause on purpose. */
  errors: string[];
  /** Every push the page's sockets received, in order ({ name, payload }). */
  pushes: Array<{ name: string; payload: unknown }>;
  /** The page's WebSockets, in order of opening. */
  sockets: PageSocket[];
}

/**
 * Console lines that are the expected result of what a test does: a refused load (403 after the
 * device was removed) and the WebSocket a removed device can no longer open.
 */
const EXPECTED_REFUSALS = [
  /Failed to load resource: the server responded with a status of 4\d\d/,
  /WebSocket connection to 'wss:\/\/[^']+' failed/,
];

export interface Outreach {
  readonly station: LanStation;
  readonly browser: Browser;
  readonly office: TestOffice;
  /**
   * Opens `url` in a new context (ignoreHTTPSErrors off: Chromium trusts only the station's
   * certificate), collecting errors and every push the page receives.
   */
  open(
    url: string,
    options?: { viewport?: { width: number; height: number }; initScript?: string },
  ): Promise<OpenPage>;
}

/**
 * Before the file's tests: a hub with its back-office (HTTP on 127.0.0.1, as the station's sync
 * tests use it), the LAN station, the portrait camera files and Chromium; after them, all stopped.
 */
export function useOutreach(): Outreach {
  let station: LanStation | undefined;
  let browser: Browser | undefined;
  let office: TestOffice | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    office = await startTestOffice({ backend: 'sqlite' });
    station = await startLanStation();
    // The portrait camera: a real face on the red backdrop (odd birth years), built by a
    // Chromium of its own, then the browser of the test with that file as its webcam.
    const builder = await launchBrowser();
    const cameras = await writePortraitCameras(builder, freshDataDir(), 'red');
    await builder.close();
    browser = await launchBrowser([
      `--ignore-certificate-errors-spki-list=${station.served.spki}`,
      ...fakeCameraArgs(cameras.good),
    ]);
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await station?.stop();
    await office?.close();
  });
  const outreach: Outreach = {
    get station(): LanStation {
      if (!station) throw new Error('useOutreach: the station is not started');
      return station;
    },
    get browser(): Browser {
      if (!browser) throw new Error('useOutreach: the browser is not launched');
      return browser;
    },
    get office(): TestOffice {
      if (!office) throw new Error('useOutreach: the hub is not started');
      return office;
    },
    open: async (url, options = {}) => {
      const context = await outreach.browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        locale: 'id-ID',
        ignoreHTTPSErrors: false,
      });
      contexts.push(context);
      const page = await context.newPage();
      if (options.initScript) await page.addInitScript(options.initScript);
      const opened: OpenPage = { page, context, errors: [], pushes: [], sockets: [] };
      page.on('pageerror', (error) => opened.errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (EXPECTED_REFUSALS.some((pattern) => pattern.test(message.text()))) return;
        opened.errors.push(`console: ${message.text()}`);
      });
      page.on('websocket', (socket) => {
        opened.sockets.push(socket);
        socket.on('framereceived', ({ payload }) => {
          if (typeof payload !== 'string') return;
          try {
            const message = JSON.parse(payload) as {
              kind?: string;
              name?: string;
              payload?: unknown;
            };
            if (message.kind === 'push' && message.name)
              opened.pushes.push({ name: message.name, payload: message.payload });
          } catch {
            // Not JSON: not a push.
          }
        });
      });
      await page.goto(url);
      return opened;
    },
  };
  return outreach;
}

/**
 * Resolves with the first push named `name` that `page` receives after now and that `matches`
 * accepts (pushes are recorded by `Outreach.open`). Waits on the page's socket frames.
 */
export function nextPush<T>(
  opened: OpenPage,
  name: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<T> {
  const start = opened.pushes.length;
  return new Promise((resolve, reject) => {
    const found = () =>
      opened.pushes.slice(start).find((p) => p.name === name && matches(p.payload as T))
        ?.payload as T | undefined;
    const onFrame = () => {
      const payload = found();
      if (payload === undefined) return;
      done();
      resolve(payload);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no '${name}' push within ${timeoutMs} ms`));
    }, timeoutMs);
    const attached: PageSocket[] = [];
    const attach = (socket: PageSocket) => {
      attached.push(socket);
      socket.on('framereceived', onFrame);
    };
    const done = () => {
      clearTimeout(timer);
      for (const socket of attached) socket.off('framereceived', onFrame);
      opened.page.off('websocket', attach);
    };
    for (const socket of opened.sockets) attach(socket);
    opened.page.on('websocket', attach);
  });
}
