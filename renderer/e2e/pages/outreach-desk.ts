import type { Page } from 'playwright-core';

export interface Arrival {
  name: string;
  /** The visitor's NIK, when they bring it: their own services then name a registry person. */
  nik?: string;
  services: Array<{ code: string; subjectName: string }>;
}

/**
 * Keeps what the queue display says aloud (an init script: installed before the app, where the
 * page's CSP does not apply): every SpeechSynthesisUtterance spoken, and every chime (an
 * oscillator started) when the system has no Indonesian voice.
 */
export const SPEECH_TRACKER = `(() => {
  const said = [];
  let chimes = 0;
  if (window.speechSynthesis) {
    const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
    window.speechSynthesis.speak = (utterance) => {
      said.push(utterance.text);
      return speak(utterance);
    };
  }
  if (window.OscillatorNode) {
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args) {
      chimes += 1;
      return start.apply(this, args);
    };
  }
  window.lmAnnounced = () => ({ said: [...said], chimes });
})()`;

/**
 * The event desk (issue 16 items 3 and 4; features/outreach-desk): arrivals with one queue number
 * for several services, the desk's call of the next number, its visit with a status per service.
 */
export class OutreachDeskPage {
  constructor(readonly page: Page) {}

  async openArrivals(): Promise<void> {
    await this.page.getByTestId('nav-outreach-arrival').click();
    await this.page.getByTestId('arrival-name').waitFor();
  }

  /** Registers one arrival with its services (grouped by service); returns its queue number. */
  async arrive(arrival: Arrival): Promise<string> {
    await this.page.getByTestId('arrival-name').fill(arrival.name);
    await this.page.getByTestId('arrival-nik').fill(arrival.nik ?? '');
    for (const [i, service] of arrival.services.entries()) {
      const previous = arrival.services[i - 1];
      if (previous?.code === service.code)
        await this.page.getByTestId(`arrival-entry-add-${i - 1}`).click();
      else await this.page.getByTestId(`arrival-service-${service.code}`).click();
      await this.page
        .locator(`[data-testid="arrival-entry"][data-code="${service.code}"]`)
        .nth(0)
        .waitFor();
      const self = this.page.getByTestId(`arrival-entry-self-${i}`);
      if (service.subjectName !== arrival.name) {
        await self.uncheck();
        await this.page.getByTestId(`arrival-entry-name-${i}`).fill(service.subjectName);
      }
    }
    await this.page.getByTestId('arrival-save').click();
    const saved = this.page.getByTestId('arrival-number');
    const refused = this.page.getByTestId('arrival-error');
    await saved.or(refused).first().waitFor();
    if ((await refused.count()) > 0)
      throw new Error(`arrival refused: ${await refused.innerText()}`);
    const number = (await saved.innerText()).trim();
    await this.page.getByTestId('arrival-next').click();
    await this.page.getByTestId('arrival-name').waitFor();
    return number;
  }

  async openDesk(): Promise<void> {
    await this.page.getByTestId('nav-outreach-desk').click();
    await this.page
      .locator('[data-testid="desk-call-next"], [data-testid="desk-visit"]')
      .first()
      .waitFor();
  }

  /** "Panggil berikutnya": the number this desk now serves. */
  async callNext(): Promise<string> {
    await this.page.getByTestId('desk-call-next').click();
    const visit = this.page.locator('[data-testid="desk-visit"][data-number]');
    await visit.waitFor();
    return (await visit.getAttribute('data-number')) ?? '';
  }

  async serviceCount(): Promise<number> {
    return this.page.locator('li[data-testid^="desk-service-"][data-code]').count();
  }

  /**
   * Opens the recording screen for the visit's service `index` (its "Rekam" button) and waits for
   * the step it must settle at: the eligibility answer when the registry knows the subject's NIK
   * (the person is chosen already; the search shows first for a moment), else the search.
   */
  async openRecording(index: number, step: 'eligibility' | 'pick'): Promise<void> {
    await this.page.getByTestId(`desk-service-open-${index}`).click();
    await this.page.getByTestId('recording-outreach').waitFor();
    if (step === 'pick') await this.page.getByTestId('recording-pick').waitFor();
    else await this.page.locator('[data-testid="recording-eligibility"][data-eligible]').waitFor();
  }

  /** The recording screen's link to the visit, once the saved recording is linked to it. */
  async waitRecordingLinked(): Promise<void> {
    await this.page.locator('[data-testid="recording-outreach"][data-linked="true"]').waitFor();
  }

  /** Sets one service of the open visit to `status` (a follow-up asks for its reason). */
  async setService(index: number, status: 'done' | 'follow-up', reason?: string): Promise<void> {
    if (status === 'done') await this.page.getByTestId(`desk-service-done-${index}`).click();
    else {
      await this.page.getByTestId(`desk-service-follow-${index}`).click();
      await this.page.getByTestId('desk-reason-text').fill(reason ?? '');
      await this.page.getByTestId('desk-reason-confirm').click();
    }
    await this.page
      .locator(`li[data-testid="desk-service-${index}"][data-status="${status}"]`)
      .waitFor();
  }

  /** Ends the visit; waits until the desk is free for the next number. */
  async finish(): Promise<void> {
    await this.page.getByTestId('desk-finish').click();
    await this.page.getByTestId('desk-finished').waitFor();
  }
}

/** The hall's queue display (a paired display browser). */
export class QueueDisplayPage {
  constructor(readonly page: Page) {}

  /** The display is up; when the browser holds sound back, the hall staff tap it on once. */
  async waitForScreen(): Promise<void> {
    await this.page.getByTestId('queue-display').waitFor();
    const sound = this.page.getByTestId('queue-display-sound');
    if ((await sound.count()) > 0) await sound.click();
  }

  /** Waits until the display shows `number` at `desk` ("meja-2"). */
  async waitForCalled(number: string, desk: string): Promise<void> {
    await this.page
      .locator(`[data-testid="queue-display-desk-${desk}"][data-number="${number}"]`)
      .waitFor();
  }

  /** Waits until the display has announced `number` (its announcement log). */
  async waitAnnounced(number: string): Promise<void> {
    await this.page
      .locator(`[data-testid="queue-display-announced"] li[data-number="${number}"]`)
      .waitFor({ state: 'attached' });
  }

  /** The announcement log: the numbers announced, in order. */
  async announced(): Promise<string[]> {
    return this.page
      .locator('[data-testid="queue-display-announced"] li')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number') ?? ''));
  }

  /**
   * How many pixels of the display do not fit its screen (0: all of it shows, nothing scrolls):
   * the display itself, the app's body around it and the page.
   */
  async overflow(): Promise<number> {
    return (await this.page.evaluate(`(() => {
      const display = document.querySelector('[data-testid="queue-display"]');
      const over = (el) => (el ? el.scrollHeight - el.clientHeight : 0);
      return Math.max(over(display), over(display && display.parentElement), over(document.documentElement));
    })()`)) as number;
  }

  async spoken(): Promise<{ said: string[]; chimes: number }> {
    return (await this.page.evaluate('window.lmAnnounced()')) as {
      said: string[];
      chimes: number;
    };
  }
}
