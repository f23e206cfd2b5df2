import type { Page } from 'playwright-core';

export interface PlannedEvent {
  name: string;
  /** The village's Kemendagri code (10 digits). */
  villageCode: string;
  /** YYYY-MM-DD. */
  day: string;
  venue: string;
  team: Array<{ userName: string; task: string }>;
  services: Array<{ code: string; target: number }>;
}

export interface ReadinessRow {
  id: string;
  state: string;
  done: boolean;
  detail: string;
}

/**
 * The supervisor's event plan (issue 16 item 1; features/outreach-plan): the events list, the
 * plan form, the readiness checklist, the blanks carried out (stock checkout) and the start.
 */
export class OutreachPlanPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-outreach').click();
    await this.page.getByTestId('outreach-events').waitFor();
  }

  /** Fills the plan form for a new event and saves it; returns the new event's id. */
  async create(plan: PlannedEvent): Promise<string> {
    await this.page.getByTestId('outreach-event-new').click();
    await this.page.getByTestId('outreach-plan-form').waitFor();
    await this.page.getByTestId('outreach-plan-name').fill(plan.name);
    await this.page
      .getByTestId('outreach-plan-kecamatan')
      .selectOption(plan.villageCode.slice(0, 6));
    await this.page.getByTestId(`outreach-plan-village-${plan.villageCode}`).check();
    await this.page.getByTestId('outreach-plan-day').fill(plan.day);
    await this.page.getByTestId('outreach-plan-day-add').click();
    await this.page.getByTestId(`outreach-plan-day-remove-${plan.day}`).waitFor();
    await this.page.getByTestId('outreach-plan-venue').fill(plan.venue);
    const form = this.page.getByTestId('outreach-plan-form');
    for (const member of plan.team) {
      const box = form
        .locator('label')
        .filter({ hasText: `(${member.userName})` })
        .locator('input[type="checkbox"]');
      await box.check();
      const userId = ((await box.getAttribute('data-testid')) ?? '').replace(
        /^outreach-plan-member-/,
        '',
      );
      await this.page.getByTestId(`outreach-plan-task-${userId}`).selectOption(member.task);
    }
    for (const service of plan.services) {
      await this.page.getByTestId(`outreach-plan-service-${service.code}`).check();
      await this.page
        .getByTestId(`outreach-plan-target-${service.code}`)
        .fill(String(service.target));
    }
    await this.page.getByTestId('outreach-plan-save').click();
    const saved = this.page.getByTestId('outreach-event-page');
    const refused = this.page.getByTestId('outreach-plan-error');
    await saved.or(refused).first().waitFor();
    if ((await refused.count()) > 0) throw new Error(`plan refused: ${await refused.innerText()}`);
    // The list names each event's id in its row; the new one is the only row of this name.
    await this.page.getByTestId('outreach-back').click();
    const row = this.page
      .locator('tr[data-testid^="outreach-event-"]')
      .filter({ hasText: plan.name });
    await row.waitFor();
    const id = ((await row.getAttribute('data-testid')) ?? '').replace(/^outreach-event-/, '');
    await this.openEvent(id);
    return id;
  }

  async openEvent(id: string): Promise<void> {
    await this.page.getByTestId(`outreach-event-open-${id}`).click();
    await this.page.getByTestId('outreach-event-page').waitFor();
  }

  async status(): Promise<string> {
    return (await this.page.getByTestId('outreach-event-page').getAttribute('data-status')) ?? '';
  }

  /** The readiness checklist as shown now. */
  async readiness(): Promise<ReadinessRow[]> {
    await this.page.getByTestId('readiness').waitFor();
    return this.page.locator('[data-testid^="readiness-item-"]').evaluateAll((items) =>
      items.map((el) => ({
        id: (el.getAttribute('data-testid') ?? '').replace(/^readiness-item-/, ''),
        state: el.getAttribute('data-state') ?? '',
        done: el.getAttribute('data-done') === 'true',
        detail: (el.querySelector('[data-testid^="readiness-detail-"]')?.textContent ?? '').trim(),
      })),
    );
  }

  /**
   * Waits until the checklist shows `item` done, asking the station to check again ("Periksa
   * lagi") once when it does not yet.
   */
  async waitDone(item: string): Promise<void> {
    const done = this.page.locator(`[data-testid="readiness-item-${item}"][data-done="true"]`);
    if ((await done.count()) > 0) return;
    await this.page.getByTestId('readiness-recheck').click();
    await done.or(this.page.getByTestId('readiness-error')).first().waitFor();
    if ((await done.count()) === 0)
      throw new Error(`readiness: ${await this.page.getByTestId('readiness-error').innerText()}`);
  }

  /** The leader confirms the printer paper by hand. */
  async confirmPaper(): Promise<void> {
    await this.page.getByTestId('readiness-confirm-paper').click();
    await this.page
      .locator('[data-testid="readiness-item-printer-paper"][data-done="true"]')
      .waitFor();
  }

  /** What the event's stock table shows as carried out for `item`. */
  async carriedOut(item: string): Promise<number> {
    const row = this.page.getByTestId(`outreach-stock-${item}`);
    if ((await row.count()) === 0) return 0;
    return Number((await row.locator('td').nth(1).innerText()).replace(/\D/g, ''));
  }

  /** Carries `count` of `item` out of the office stock to the event; returns what is out now. */
  async checkout(item: string, count: number): Promise<number> {
    const before = await this.carriedOut(item);
    await this.page.getByTestId('stock-checkout-item').selectOption(item);
    await this.page.getByTestId('stock-checkout-count').fill(String(count));
    await this.page.getByTestId('stock-checkout-submit').click();
    const refused = this.page.getByTestId('stock-checkout-error');
    await this.page.getByTestId('stock-checkout-done').or(refused).first().waitFor();
    if ((await refused.count()) > 0)
      throw new Error(`checkout refused: ${await refused.innerText()}`);
    await this.page
      .getByTestId(`outreach-stock-${item}`)
      .locator('td')
      .nth(1)
      .filter({ hasText: String(before + count) })
      .waitFor();
    return this.carriedOut(item);
  }

  /**
   * Starts the event. With a failed readiness item the station asks for a reason: returns the
   * dialog's refusal for a `reason` it does not take, or null once the event runs.
   */
  async start(reason: string | null): Promise<string | null> {
    const dialog = this.page.getByTestId('outreach-start-dialog');
    if ((await dialog.count()) === 0) await this.page.getByTestId('outreach-start').click();
    const running = this.page.locator('[data-testid="outreach-event-page"][data-status="running"]');
    if (reason === null) {
      await running.or(this.page.getByTestId('outreach-event-error')).first().waitFor();
      return (await running.count()) > 0
        ? null
        : (await this.page.getByTestId('outreach-event-error').innerText()).trim();
    }
    await dialog.waitFor();
    const refusal = this.page.getByTestId('outreach-start-dialog-error');
    // A refusal still shown from the last try is not this try's answer.
    const earlier = (await refusal.count()) > 0 ? (await refusal.innerText()).trim() : null;
    await this.page.getByTestId('outreach-start-dialog-text').fill(reason);
    await this.page.getByTestId('outreach-start-dialog-confirm').click();
    const fresh = earlier === null ? refusal : refusal.filter({ hasNotText: earlier });
    await running.or(fresh).first().waitFor();
    if ((await running.count()) > 0) return null;
    return (await refusal.innerText()).trim();
  }
}
