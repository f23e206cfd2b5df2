import type { Locator, Page } from 'playwright-core';
import type { Staff } from '../office-harness';

/** The administrator's accounts and audit screens (renderer/src/office/features/accounts). */
export class OfficeAccountsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('office-nav-accounts').click();
    await this.page.getByTestId('office-accounts-screen').waitFor();
    await this.page.getByTestId('office-account-row').first().waitFor();
  }

  row(userName: string): Locator {
    return this.page.locator(`[data-testid="office-account-row"][data-user="${userName}"]`);
  }

  /** Creates an account through the form and waits for its row. */
  async create(staff: Staff): Promise<void> {
    const form = this.page.getByTestId('office-account-create');
    await form.getByTestId('office-account-create-user').fill(staff.userName);
    await form.getByTestId('office-account-create-name').fill(staff.displayName);
    await form.getByTestId('office-account-create-title').fill(staff.title);
    await form.getByTestId('office-account-create-role').selectOption(staff.role);
    await form.getByTestId('office-account-create-password').fill(staff.password);
    await form.getByTestId('office-account-create-repeat').fill(staff.password);
    await form.getByTestId('office-account-create-submit').click();
    await this.page.getByTestId('office-account-created').waitFor();
    await this.row(staff.userName).waitFor();
  }

  /** Opens the editor of one account. */
  async edit(userName: string): Promise<Locator> {
    await this.row(userName).getByTestId('office-account-edit').click();
    const editor = this.page.getByTestId('office-account-editor');
    await editor.waitFor();
    return editor;
  }

  /** Runs one change in the open editor and waits for its confirmation. */
  async change(editor: Locator, button: string): Promise<void> {
    await editor.getByTestId(button).click();
    await editor.getByTestId('office-edit-done').waitFor();
  }

  async closeEditor(editor: Locator): Promise<void> {
    await editor.getByRole('button', { name: /Tutup/ }).click();
    await editor.waitFor({ state: 'hidden' });
  }

  async openAudit(): Promise<void> {
    await this.page.getByTestId('office-nav-audit').click();
    await this.page.getByTestId('office-audit-screen').waitFor();
    await this.page.getByTestId('office-audit-row').first().waitFor();
  }

  /** The audit's actions, newest first. */
  async auditActions(): Promise<string[]> {
    return this.page
      .getByTestId('office-audit-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? ''));
  }

  /** Runs the chain check; true when the hub says the chain holds. */
  async verifyAudit(): Promise<boolean> {
    await this.page.getByTestId('office-audit-verify').click();
    const verdict = this.page.getByTestId('office-audit-verdict');
    await verdict.waitFor();
    return (await verdict.getAttribute('data-ok')) === 'true';
  }
}
