import type { Page } from 'playwright-core';

/** The back-office's sign-in, header, nav and session-ended view (renderer/src/office/shell). */
export class OfficeShellPage {
  constructor(readonly page: Page) {}

  async waitForLogin(): Promise<void> {
    await this.page.getByTestId('office-login-form').waitFor();
  }

  /** Fills and sends the sign-in form; waits until the hub's answer is on screen. */
  async submitLogin(userName: string, password: string): Promise<void> {
    await this.waitForLogin();
    const form = this.page.getByTestId('office-login-form');
    const answers = Number(await form.getAttribute('data-answers'));
    await this.page.getByTestId('office-login-user').fill(userName);
    await this.page.getByTestId('office-login-password').fill(password);
    await this.page.getByTestId('office-login-submit').click();
    await this.page
      .locator(`[data-testid="office-login-form"][data-answers="${answers + 1}"]`)
      .or(this.page.getByTestId('office-user'))
      .first()
      .waitFor();
  }

  /** Signs in and waits for the shell with this user's name. */
  async login(userName: string, password: string, displayName: string): Promise<void> {
    await this.waitForLogin();
    await this.page.getByTestId('office-login-user').fill(userName);
    await this.page.getByTestId('office-login-password').fill(password);
    await this.page.getByTestId('office-login-submit').click();
    await this.page.getByTestId('office-user-name').filter({ hasText: displayName }).waitFor();
  }

  /** The sign-in refusal as shown (Indonesian, then English). */
  async loginError(): Promise<string> {
    const error = this.page.getByTestId('office-login-error');
    await error.waitFor();
    return error.innerText();
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('office-logout').click();
    await this.waitForLogin();
  }

  /** The views in the nav, in order (`office-nav-<view>`). */
  async navViews(): Promise<string[]> {
    await this.page.getByTestId('office-user').waitFor();
    const ids = await this.page
      .locator('nav [data-testid^="office-nav-"]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace(/^office-nav-/, ''));
  }

  async open(view: string): Promise<void> {
    await this.page.getByTestId(`office-nav-${view}`).click();
    await this.page.locator(`[data-testid="office-content"][data-view="${view}"]`).waitFor();
  }

  async role(): Promise<string> {
    return (await this.page.getByTestId('office-user').getAttribute('data-role')) ?? '';
  }

  /** Waits for the "session ended" view and gives its reason (`IDLE` or the hub's code). */
  async waitForSessionEnded(): Promise<{ reason: string; text: string }> {
    const view = this.page.getByTestId('office-session-ended');
    await view.waitFor();
    return { reason: (await view.getAttribute('data-reason')) ?? '', text: await view.innerText() };
  }

  /**
   * Whether anything on the page is wider than the window: the document, or the content area
   * (it scrolls itself, so a too-wide table would show only there).
   */
  async horizontalOverflow(): Promise<string[]> {
    return (await this.page.evaluate(`(() => {
      const found = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth) found.push('document ' + root.scrollWidth + 'px');
      const content = document.querySelector('[data-testid="office-content"]');
      if (content && content.scrollWidth > content.clientWidth)
        found.push('content ' + content.scrollWidth + 'px > ' + content.clientWidth + 'px');
      return found;
    })()`)) as string[];
  }
}
