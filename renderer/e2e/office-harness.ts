import { createHash, X509Certificate } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { OfficeRole } from '../../electron/contract/office';
import { createAdmin } from '../../electron/hub/office/admin-create';
import type { OfficeServerOptions } from '../../electron/hub/office/server';
import {
  startTestOffice,
  TEST_PASSWORD_COST,
  type TestOffice,
} from '../../electron/testing/office';
import { makeTestCertificate, type TestCertificate } from '../../electron/testing/tls';
import { launchBrowser } from './harness';

const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

/** The two screens the back-office is made for (issue 15): an office laptop and a desktop. */
export const OFFICE_VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** A staff member as the tests sign them in. */
export interface Staff {
  userName: string;
  displayName: string;
  title: string;
  role: OfficeRole;
  password: string;
}

/**
 * The base64 sha256 of a certificate's public key (SPKI): what Chromium's
 * --ignore-certificate-errors-spki-list takes. Chromium then accepts exactly the hub's certificate
 * made by the test (and still checks its names, dates and chain for everything else); the page
 * contexts keep ignoreHTTPSErrors off.
 */
export function spkiHash(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(spki).digest('base64');
}

/** The browser and the hub one back-office test file shares (see useOffice). */
export interface FileOffice {
  readonly browser: Browser;
  readonly office: TestOffice;
  readonly certificate: TestCertificate;
  /** `https://127.0.0.1:<port>/office/`: the back-office page. */
  readonly url: string;
  /**
   * A new page on the back-office in a context of its own (its own cookies: another browser),
   * collecting its errors. A refused API call (4xx) is part of what the tests do, so Chromium's
   * "Failed to load resource" lines for those are not errors.
   */
  open(options?: BrowserContextOptions): Promise<{ page: Page; errors: string[] }>;
  /** The first administrator, as `npm run hub -- admin-create` makes them (createAdmin). */
  createFirstAdmin(admin: Staff): Promise<void>;
}

const REFUSED_CALL = /Failed to load resource: the server responded with a status of 4\d\d/;

/**
 * Starts a hub with its back-office over HTTPS (a certificate the test makes, trusted by the
 * browser through its key's hash) and launches Chromium before the file's tests; stops both after.
 * `office` are the back-office's options (e.g. `idleMinutes`); the built renderer is served.
 */
export function useOffice(office: Omit<OfficeServerOptions, 'rendererDir'> = {}): FileOffice {
  let browser: Browser | undefined;
  let running: TestOffice | undefined;
  let certificate: TestCertificate | undefined;
  beforeAll(async () => {
    certificate = makeTestCertificate({ hosts: [] });
    running = await startTestOffice({
      office: { ...office, rendererDir: RENDERER_DIR },
      tls: { cert: certificate.cert, key: certificate.key, ca: certificate.ca },
    });
    browser = await launchBrowser([
      `--ignore-certificate-errors-spki-list=${spkiHash(certificate.cert)}`,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });
  const started: FileOffice = {
    get browser(): Browser {
      if (!browser) throw new Error('useOffice: the browser is not launched yet');
      return browser;
    },
    get office(): TestOffice {
      if (!running) throw new Error('useOffice: the hub is not started yet');
      return running;
    },
    get certificate(): TestCertificate {
      if (!certificate) throw new Error('useOffice: no certificate yet');
      return certificate;
    },
    get url(): string {
      return `${started.office.url}/office/`;
    },
    open: async (options = {}) => {
      const context = await started.browser.newContext({
        viewport: OFFICE_VIEWPORTS[0],
        locale: 'id-ID',
        ignoreHTTPSErrors: false,
        ...options,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !REFUSED_CALL.test(message.text()))
          errors.push(`console: ${message.text()}`);
      });
      await page.goto(started.url);
      return { page, errors };
    },
    createFirstAdmin: async (admin) => {
      await createAdmin(started.office.hub, {
        userName: admin.userName,
        displayName: admin.displayName,
        title: admin.title,
        password: admin.password,
        forceAnother: false,
        cost: TEST_PASSWORD_COST,
      });
    },
  };
  return started;
}
