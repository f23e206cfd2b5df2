import { describe, expect, it } from 'vitest';
import { freshDataDir, openPage, startStation, useStation } from './harness';
import { login } from './pages/accounts';
import { KioskPage } from './pages/kiosk';
import { OfficerPage } from './pages/officer';

/** Issue 5 item 1 as an officer meets it: first-run administrator, login, lockout, audit. */
const e2e = useStation();

const ADMIN = { username: 'rina.admin', name: 'Rina Marlina', pin: 'kijang-2026' };

describe('officer accounts', () => {
  it('creates the first administrator, locks after five wrong PINs, and audits the lock', async () => {
    const { page, errors } = await e2e.open();
    const kiosk = new KioskPage(page);
    await kiosk.waitForHome();
    await page.getByTestId('officer-entry').click();
    await page.getByTestId('setup-form').waitFor();
    await page.getByTestId('setup-username').fill(ADMIN.username);
    await page.getByTestId('setup-name').fill(ADMIN.name);
    await page.getByTestId('setup-pin').fill('123456');
    await page.getByTestId('setup-pin2').fill('123456');
    await page.getByTestId('setup-submit').click();
    expect(await page.getByTestId('setup-error').innerText()).toMatch(/mudah ditebak/);
    await page.getByTestId('setup-pin').fill(ADMIN.pin);
    await page.getByTestId('setup-pin2').fill(ADMIN.pin);
    await page.getByTestId('setup-submit').click();
    expect(await page.getByTestId('officer-user').innerText()).toContain(ADMIN.name);
    await new OfficerPage(page).backToKiosk();

    await page.getByTestId('officer-entry').click();
    await page.getByTestId('login-form').waitFor();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByTestId('login-username').fill(ADMIN.username);
      await page.getByTestId('login-pin').fill(`salah-${attempt}`);
      await page.getByTestId('login-submit').click();
      // The PIN box empties when the answer is in, right or wrong.
      await expect.poll(() => page.getByTestId('login-pin').inputValue()).toBe('');
      const text = attempt < 5 ? /salah/ : /terkunci/;
      expect(await page.getByTestId('login-error').innerText()).toMatch(text);
    }
    // Locked: even the right PIN is refused now.
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-pin').fill(ADMIN.pin);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-pin').inputValue()).toBe('');
    expect(await page.getByTestId('login-error').innerText()).toMatch(/terkunci/);
    expect(await page.getByTestId('officer-user').count()).toBe(0);

    // The training officer (supervisor) reads the audit: every failure, the lock, the refusal.
    await page.getByTestId('demo-login').click();
    const officer = new OfficerPage(page);
    await officer.openAudit();
    const rows = await officer.auditRows();
    const count = (action: string) => rows.filter((r) => r.includes(action)).length;
    expect(count('auth.setup')).toBe(1);
    expect(count('auth.login-failed')).toBe(5);
    expect(count('auth.locked')).toBe(1);
    expect(count('auth.login-refused-locked')).toBe(1);
    expect(rows.join('\n')).not.toContain(ADMIN.pin);
    expect(await officer.verifyChain()).toMatch(/utuh/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finding 1.2: a real station asks for the one-time code from its console, once', async () => {
    const real = await startStation(freshDataDir(), []);
    try {
      const code = real.setupCode();
      expect(code).toMatch(/^[A-Z2-9]{10}$/);
      const { page, errors } = await openPage(e2e.browser, real.url);
      await new KioskPage(page).waitForHome();
      await page.getByTestId('officer-entry').click();
      await page.getByTestId('setup-form').waitFor();
      await page.getByTestId('setup-code').fill('AAAAA-AAAAA');
      await page.getByTestId('setup-username').fill(ADMIN.username);
      await page.getByTestId('setup-name').fill(ADMIN.name);
      await page.getByTestId('setup-pin').fill(ADMIN.pin);
      await page.getByTestId('setup-pin2').fill(ADMIN.pin);
      await page.getByTestId('setup-submit').click();
      await page.getByTestId('setup-error').waitFor();
      expect(await page.getByTestId('setup-error').innerText()).toMatch(/kode penyiapan salah/i);
      // The code field empties after a refusal; the right code (any case, with its dash) works.
      expect(await page.getByTestId('setup-code').inputValue()).toBe('');
      await page
        .getByTestId('setup-code')
        .fill(`${code?.slice(0, 5)}-${code?.slice(5)}`.toLowerCase());
      await page.getByTestId('setup-submit').click();
      await page.getByTestId('officer-user').filter({ hasText: ADMIN.name }).waitFor();
      await new OfficerPage(page).backToKiosk();
      await login(page, ADMIN);
      expect(errors).toEqual([]);
      await page.close();
      // Used once: a second browser on the machine cannot set up again.
      const second = await openPage(e2e.browser, real.url);
      await new KioskPage(second.page).waitForHome();
      await second.page.getByTestId('officer-entry').click();
      await second.page.getByTestId('login-form').waitFor();
      expect(await second.page.getByTestId('setup-form').count()).toBe(0);
      await second.page.close();
    } finally {
      await real.stop();
    }
  });
});
