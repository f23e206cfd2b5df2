import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OFFICE_VIEWPORTS, useOffice, type Staff } from './office-harness';
import { accessibilityProblems } from './pages/a11y';
import { OfficeAccountsPage } from './pages/office-accounts';
import { OfficeShellPage } from './pages/office-shell';

/**
 * Issue 15 item 1 as district staff meet it, in Chromium over HTTPS: the first administrator
 * (admin-create) signs in, creates a verifikator, signs out; the verifikator sees only their own
 * nav; five wrong passwords lock an account; a session the hub ended, and an idle one, end on
 * screen. axe-core finds no serious or critical problem on the login, the shell, the accounts and
 * audit screens, at 1366x768 and 1920x1080, and nothing scrolls sideways.
 */
const ADMIN: Staff = {
  userName: 'rina.admin',
  displayName: 'Rina Marlina',
  title: 'Kepala Seksi Pengelolaan Informasi Administrasi Kependudukan',
  role: 'admin',
  password: 'Sungai-Musi-2026',
};
const VERIFIER: Staff = {
  userName: 'siti.verif',
  displayName: 'Siti Aminah',
  title: 'Verifikator Pelayanan Pendaftaran Penduduk',
  role: 'verifikator',
  password: 'Jembatan-Ampera-7',
};

/** axe (serious or critical) and sideways overflow on the current screen, at both sizes. */
async function screenProblems(page: Page, name: string): Promise<string[]> {
  const shell = new OfficeShellPage(page);
  const found: string[] = [];
  for (const viewport of OFFICE_VIEWPORTS) {
    await page.setViewportSize(viewport);
    const size = `${viewport.width}x${viewport.height}`;
    for (const problem of await accessibilityProblems(page))
      found.push(`${name} ${size}: ${problem}`);
    for (const problem of await shell.horizontalOverflow())
      found.push(`${name} ${size}: overflow ${problem}`);
  }
  await page.setViewportSize(OFFICE_VIEWPORTS[0]);
  return found;
}

describe('back-office accounts', () => {
  const e2e = useOffice();

  it('serves the page only to itself: the station page loads no back-office chunk', () => {
    const dist = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(`${dist}${file}`, 'utf8');
      for (const match of text.matchAll(/(?:\.\/|\/)?(assets\/[\w.-]+\.js)/g))
        if (match[1]) visit(match[1]);
    };
    visit('index.html');
    const station = [...seen].filter((f) => f.endsWith('.js'));
    expect(station.length).toBeGreaterThan(0);
    for (const file of station) {
      const text = readFileSync(`${dist}${file}`, 'utf8');
      expect(text, file).not.toContain('/office/api/');
      expect(text, file).not.toContain('office-login');
    }
  });

  it('admin-create, sign-in, a new verifikator who sees only their nav', async () => {
    await e2e.createFirstAdmin(ADMIN);
    const { page, errors } = await e2e.open();
    const shell = new OfficeShellPage(page);
    await shell.waitForLogin();
    const problems = await screenProblems(page, 'login');

    await shell.login(ADMIN.userName, ADMIN.password, ADMIN.displayName);
    expect(await shell.role()).toBe('admin');
    const adminNav = await shell.navViews();
    expect(adminNav).toEqual(expect.arrayContaining(['accounts', 'audit']));
    problems.push(...(await screenProblems(page, 'shell')));

    const accounts = new OfficeAccountsPage(page);
    await accounts.open();
    await accounts.create(VERIFIER);
    expect(await accounts.row(VERIFIER.userName).getAttribute('data-state')).toBe('active');
    expect(await accounts.row(VERIFIER.userName).innerText()).toContain('Verifikator');
    problems.push(...(await screenProblems(page, 'accounts')));
    const editor = await accounts.edit(VERIFIER.userName);
    problems.push(...(await screenProblems(page, 'account editor')));
    await accounts.closeEditor(editor);

    await accounts.openAudit();
    const actions = await accounts.auditActions();
    expect(actions).toEqual(expect.arrayContaining(['accounts.create', 'session.login']));
    expect(await accounts.verifyAudit()).toBe(true);
    problems.push(...(await screenProblems(page, 'audit')));

    await page.getByTestId('office-password').click();
    await page.getByTestId('office-password-screen').waitFor();
    problems.push(...(await screenProblems(page, 'password')));

    await shell.logout();
    await shell.login(VERIFIER.userName, VERIFIER.password, VERIFIER.displayName);
    expect(await shell.role()).toBe('verifikator');
    expect(await page.getByTestId('office-user-role').innerText()).toBe('Verifikator');
    const verifierNav = await shell.navViews();
    expect(verifierNav).not.toContain('accounts');
    expect(verifierNav).not.toContain('audit');
    problems.push(...(await screenProblems(page, 'verifikator shell')));

    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('locks an account after five wrong passwords, says until when, and an admin unlocks it', async () => {
    const signer = await e2e.office.createUser('penandatangan', {
      userName: 'budi.kasi',
      displayName: 'Budi Santoso',
    });
    const { page, errors } = await e2e.open();
    const shell = new OfficeShellPage(page);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await shell.submitLogin(signer.userName, `salah-sekali-${attempt}`);
      expect(await shell.loginError()).toMatch(/salah/);
    }
    // Locked now: even the right password is refused, with the time the lock ends.
    await shell.submitLogin(signer.userName, signer.password);
    const locked = await shell.loginError();
    expect(locked).toMatch(/terkunci/i);
    expect(locked).toMatch(/pukul .*WIB/);
    expect(await page.getByTestId('office-user').count()).toBe(0);

    // The administrator sees the lock and ends it; the right password works again.
    const admin = await e2e.open();
    const adminShell = new OfficeShellPage(admin.page);
    await adminShell.login(ADMIN.userName, ADMIN.password, ADMIN.displayName);
    const accounts = new OfficeAccountsPage(admin.page);
    await accounts.open();
    expect(await accounts.row(signer.userName).getAttribute('data-state')).toBe('locked');
    const editor = await accounts.edit(signer.userName);
    await editor.getByTestId('office-edit-locked').waitFor();
    await accounts.change(editor, 'office-edit-unlock');
    await accounts.closeEditor(editor);
    expect(await accounts.row(signer.userName).getAttribute('data-state')).toBe('active');

    await shell.login(signer.userName, signer.password, signer.displayName);
    expect(await shell.role()).toBe('penandatangan');
    await accounts.openAudit();
    const actions = await accounts.auditActions();
    expect(actions.filter((a) => a === 'session.login-failed')).toHaveLength(5);
    expect(actions).toContain('session.login-locked');
    expect(errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });

  it('shows "Sesi berakhir" when the hub ended the session (a new password set by an admin)', async () => {
    const staff = await e2e.office.createUser('pemantau', {
      userName: 'dewi.pantau',
      displayName: 'Dewi Lestari',
    });
    const { page, errors } = await e2e.open();
    const shell = new OfficeShellPage(page);
    await shell.login(staff.userName, staff.password, staff.displayName);

    const admin = await e2e.open();
    await new OfficeShellPage(admin.page).login(ADMIN.userName, ADMIN.password, ADMIN.displayName);
    const accounts = new OfficeAccountsPage(admin.page);
    await accounts.open();
    const editor = await accounts.edit(staff.userName);
    await editor.getByTestId('office-edit-password').fill('Bukit-Siguntang-9');
    await editor.getByTestId('office-edit-password-repeat').fill('Bukit-Siguntang-9');
    await accounts.change(editor, 'office-edit-password-save');

    // The next call of the signed-out page is answered 401: the page says why and hides the rest.
    await page.getByTestId('office-password').click();
    await page.getByTestId('office-password-current').fill(staff.password);
    await page.getByTestId('office-password-new').fill('Pulau-Kemaro-2026');
    await page.getByTestId('office-password-repeat').fill('Pulau-Kemaro-2026');
    await page.getByTestId('office-password-save').click();
    const ended = await shell.waitForSessionEnded();
    expect(ended.text).toContain('Sesi berakhir karena tidak ada aktivitas');
    expect(await page.getByTestId('office-user').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByTestId('office-login-again').click();
    await shell.login(staff.userName, 'Bukit-Siguntang-9', staff.displayName);
    expect(errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});

describe('back-office idle sign-out', () => {
  // 12 s: the warning after 9 s without activity, 3 s of countdown.
  const e2e = useOffice({ idleMinutes: 0.2 });

  it('warns before the idle limit, stays on "Tetap masuk", then signs out', async () => {
    const staff = await e2e.office.createUser('verifikator', {
      userName: 'andi.verif',
      displayName: 'Andi Saputra',
    });
    const { page, errors } = await e2e.open();
    const shell = new OfficeShellPage(page);
    await shell.login(staff.userName, staff.password, staff.displayName);

    const warning = page.getByTestId('office-idle-warning');
    await warning.waitFor();
    await warning.getByRole('button', { name: /Tetap masuk/ }).click();
    await warning.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('office-user').count()).toBe(1);

    // Nobody answers the second warning: the page signs out and says why.
    await warning.waitFor();
    const ended = await shell.waitForSessionEnded();
    expect(ended.reason).toBe('IDLE');
    expect(ended.text).toContain('Sesi berakhir karena tidak ada aktivitas');
    expect(errors).toEqual([]);
  });
});
