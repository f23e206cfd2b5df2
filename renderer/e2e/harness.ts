import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'lm-e2e-'));
}

export interface RunningStation {
  url: string;
  dataDir: string;
  output: string[];
  /**
   * The one-time first-run setup code a real station prints on its console (the latest one), or
   * null (training station, or an administrator exists).
   */
  setupCode(): string | null;
  stop(): Promise<number | null>;
}

/** Starts the built station server (dist/electron/server.mjs) on a free port. */
export function startStation(
  dataDir: string,
  args: string[] = ['--demo'],
): Promise<RunningStation> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'dist/electron/server.mjs'), '--port', '0', '--data', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Station did not start:\n${output.join('')}`)),
      30_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /STATION_READY (\S+)/.exec(output.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          dataDir,
          output,
          setupCode: () =>
            [...output.join('').matchAll(/^SETUP_CODE (\S+)$/gm)].at(-1)?.[1] ?? null,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Station exited with ${code}:\n${output.join('')}`));
    });
  });
}

/** Runs the station server to completion (for start-up refusals); returns code and output. */
export function runStation(
  dataDir: string,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(root, 'dist/electron/server.mjs'), '--data', dataDir, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * A page that fails the test on any console error or uncaught exception; `options` change the
 * browser context (another viewport, touch).
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'id-ID',
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}

/** The browser and the fresh demo station one test file shares (see useStation). */
export interface FileStation {
  readonly browser: Browser;
  readonly station: RunningStation;
  /** A new page on the station, collecting its errors (openPage, with its context options). */
  open(options?: BrowserContextOptions): Promise<{ page: Page; errors: string[] }>;
}

/**
 * Launches a browser (with `browserArgs`, e.g. a fake camera) and starts a fresh demo station
 * before the file's tests; stops both after them.
 */
export function useStation(browserArgs: string[] = []): FileStation {
  let browser: Browser | undefined;
  let station: RunningStation | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(browserArgs);
    station = await startStation(freshDataDir());
  });
  afterAll(async () => {
    await station?.stop();
    await browser?.close();
  });
  const started: FileStation = {
    get browser(): Browser {
      if (!browser) throw new Error('useStation: the browser is not launched yet');
      return browser;
    },
    get station(): RunningStation {
      if (!station) throw new Error('useStation: the station is not started yet');
      return station;
    },
    open: (options) => openPage(started.browser, started.station.url, options),
  };
  return started;
}
