import type { Page } from 'playwright-core';

export type OfficerRole = 'operator' | 'supervisor' | 'admin';

export interface Officer {
  username: string;
  name: string;
  pin: string;
}

export interface NewOfficer extends Officer {
  role: OfficerRole;
}

/**
 * First run, from the kiosk home: creates the first administrator through the setup form and
 * waits until the officer shell shows them signed in. A real station needs its one-time setup
 * `code` (RunningStation.setupCode()); a training station has no code field.
 */
export async function setupFirstAdmin(page: Page, admin: Officer, code?: string): Promise<void> {
  await page.getByTestId('officer-entry').click();
  await page.getByTestId('setup-form').waitFor();
  if (code !== undefined) await page.getByTestId('setup-code').fill(code);
  await page.getByTestId('setup-username').fill(admin.username);
  await page.getByTestId('setup-name').fill(admin.name);
  await page.getByTestId('setup-pin').fill(admin.pin);
  await page.getByTestId('setup-pin2').fill(admin.pin);
  await page.getByTestId('setup-submit').click();
  await page.getByTestId('officer-user').filter({ hasText: admin.name }).waitFor();
}

/** From the kiosk home: signs an officer in and waits for the shell with their name. */
export async function login(page: Page, user: Officer): Promise<void> {
  await page.getByTestId('officer-entry').click();
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-pin').fill(user.pin);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('officer-user').filter({ hasText: user.name }).waitFor();
}

/** From the officer shell: signs out and waits for the kiosk home. */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('nav-kiosk').click();
  await page.getByTestId('kiosk-home').waitFor();
}

/** Opens the accounts admin screen (administrators only) and waits for its list. */
export async function openAccounts(page: Page): Promise<void> {
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('accounts-screen').waitFor();
  await page.getByTestId('account-row').first().waitFor();
}

/** The accounts list row of one username. */
export function accountRow(page: Page, username: string) {
  return page.locator(`[data-testid="account-row"][data-username="${username}"]`);
}

/**
 * Fills the create form on the accounts screen and submits it; returns the refusal text when the
 * core refused (weak PIN, taken username …), else null once the new row is listed.
 */
export async function submitNewOfficer(page: Page, officer: NewOfficer): Promise<string | null> {
  await page.getByTestId('account-username').fill(officer.username);
  await page.getByTestId('account-name').fill(officer.name);
  await page.getByTestId('account-role').selectOption(officer.role);
  await page.getByTestId('account-pin').fill(officer.pin);
  await page.getByTestId('account-pin2').fill(officer.pin);
  const form = page.getByTestId('account-create');
  const before = Number(await form.getAttribute('data-answers'));
  await page.getByTestId('account-create-submit').click();
  await page.locator(`[data-testid="account-create"][data-answers="${before + 1}"]`).waitFor();
  const refused = page.getByTestId('account-create-error');
  if ((await refused.count()) > 0) return refused.innerText();
  await accountRow(page, officer.username).waitFor();
  return null;
}

/** As a signed-in administrator: creates an officer account through the accounts screen. */
export async function createOfficer(page: Page, officer: NewOfficer): Promise<void> {
  await openAccounts(page);
  const refusal = await submitNewOfficer(page, officer);
  if (refusal !== null) throw new Error(`Account ${officer.username} refused: ${refusal}`);
}

/** Opens the editor of one account on the accounts screen. */
export async function editAccount(page: Page, username: string): Promise<void> {
  await accountRow(page, username).getByTestId('account-edit').click();
  await page.getByTestId('account-editor').waitFor();
}
