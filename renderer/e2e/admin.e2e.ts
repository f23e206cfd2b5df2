import { describe, expect, it } from 'vitest';
import { useStation } from './harness';
import { accessibilityProblems, smallTargets } from './pages/a11y';
import { OfficerPage } from './pages/officer';
import {
  accountRow,
  createOfficer,
  editAccount,
  login,
  logout,
  openAccounts,
  setupFirstAdmin,
  submitNewOfficer,
} from './pages/accounts';

/** Issue 5: the administrator manages officer accounts; other roles never see that screen. */
const e2e = useStation();

const ADMIN = { username: 'rina.admin', name: 'Rina Marlina', pin: 'kijang-2026' };
const OPERATOR = {
  username: 'dedi.op',
  name: 'Dedi Kurniawan',
  pin: 'loket-7319',
  role: 'operator',
};
const NEW_PIN = 'ganti-5082';
const SUPERVISOR = {
  username: 'sari.spv',
  name: 'Sari Wulandari',
  pin: 'periksa-4826',
  role: 'supervisor',
} as const;

describe('accounts admin screen', () => {
  it('creates an operator and a supervisor, refuses a weak PIN and the last admin leaving', async () => {
    const { page, errors } = await e2e.open();
    await page.getByTestId('kiosk-home').waitFor();
    await setupFirstAdmin(page, ADMIN);

    await createOfficer(page, { ...OPERATOR, role: 'operator' });
    await createOfficer(page, SUPERVISOR);
    const operatorRow = await accountRow(page, OPERATOR.username).innerText();
    expect(operatorRow).toContain(OPERATOR.name);
    expect(operatorRow).toContain('Operator');
    expect(await accountRow(page, SUPERVISOR.username).innerText()).toContain('Supervisor');

    // The core's refusal, in Bahasa Indonesia; nothing is created.
    const weak = {
      username: 'lemah.pin',
      name: 'Akun Lemah',
      pin: '123456',
      role: 'operator',
    } as const;
    expect(await submitNewOfficer(page, weak)).toMatch(/PIN terlalu mudah ditebak/);
    expect(await accountRow(page, weak.username).count()).toBe(0);
    expect(await page.getByTestId('account-pin').inputValue()).toBe('');

    // A taken username is refused by reason too.
    const taken = { ...SUPERVISOR, name: 'Orang Lain' };
    expect(await submitNewOfficer(page, taken)).toMatch(/sudah dipakai/);

    // The only administrator cannot deactivate themselves (nor lose the admin role).
    await editAccount(page, ADMIN.username);
    await page.getByTestId('edit-active').uncheck();
    await page.getByTestId('edit-save').click();
    const refusal = page.getByTestId('account-edit-error');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/Harus tetap ada satu administrator aktif/);
    expect(await page.getByTestId('edit-active').isChecked()).toBe(true);
    expect(await accountRow(page, ADMIN.username).innerText()).toContain('Aktif');

    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await page.getByTestId('edit-close').click();

    // A new PIN for the operator (the old one stops working).
    await editAccount(page, OPERATOR.username);
    await page.getByTestId('edit-pin').fill(NEW_PIN);
    await page.getByTestId('edit-pin2').fill(NEW_PIN);
    await page.getByTestId('edit-reset-pin').click();
    await page.getByTestId('account-edit-done').waitFor();
    expect(await page.getByTestId('edit-pin').inputValue()).toBe('');

    // Printers: the station server prints through the browser, and says so.
    await page.getByTestId('nav-printer').click();
    await page.getByTestId('printer-screen').waitFor();
    expect(await page.getByTestId('printer-browser-note').innerText()).toMatch(/jendela cetak/);
    for (const paper of ['document', 'card', 'receipt']) {
      const options = await page.getByTestId(`printer-${paper}`).locator('option').allInnerTexts();
      expect(options).toEqual(['Printer bawaan sistem']);
    }
    await page.getByTestId('printer-save').click();
    await page.getByTestId('printer-saved').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await logout(page);

    // Five wrong PINs lock the operator; the administrator unlocks the account.
    await page.getByTestId('officer-entry').click();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByTestId('login-username').fill(OPERATOR.username);
      await page.getByTestId('login-pin').fill(OPERATOR.pin);
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByTestId('login-pin').inputValue()).toBe('');
    }
    expect(await page.getByTestId('login-error').innerText()).toMatch(/terkunci/);
    await page.getByTestId('login-back').click();
    await login(page, ADMIN);
    await openAccounts(page);
    expect(await accountRow(page, OPERATOR.username).innerText()).toMatch(/Terkunci sampai/);
    await editAccount(page, OPERATOR.username);
    await page.getByTestId('edit-unlock').click();
    await page.getByTestId('account-edit-done').waitFor();
    await expect.poll(() => accountRow(page, OPERATOR.username).innerText()).toMatch(/Aktif\s+0/);
    await logout(page);

    // The operator signs in with the new PIN and has no admin entries in the menu.
    await login(page, { ...OPERATOR, pin: NEW_PIN });
    await page.getByTestId('nav-queue').waitFor();
    expect(await page.getByTestId('nav-accounts').count()).toBe(0);
    expect(await page.getByTestId('nav-printer').count()).toBe(0);
    expect(await page.getByTestId('nav-intake').count()).toBe(1);
    await logout(page);

    // The audit has both accounts, the PIN reset and the unlock; never a PIN.
    await login(page, ADMIN);
    const officer = new OfficerPage(page);
    await officer.openAudit();
    const rows = await officer.auditRows();
    expect(rows.filter((r) => r.includes('users.created'))).toHaveLength(2);
    expect(rows.filter((r) => r.includes('users.updated'))).toHaveLength(2);
    expect(rows.join('\n')).not.toContain(NEW_PIN);
    expect(rows.join('\n')).not.toContain(OPERATOR.pin);
    expect(errors).toEqual([]);
    await page.close();
  });
});
