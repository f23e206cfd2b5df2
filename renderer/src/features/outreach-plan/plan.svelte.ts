import type {
  InvitationList,
  InvitationRule,
  OutreachEventDetail,
  OutreachEventPlan,
  OutreachEventSummary,
  OutreachPlanOptions,
  OutreachStockItem,
} from '../../../../electron/contract';
import { sendCatch, type Caught } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import { knownKey } from '../../lib/i18n/reason-keys';

/** The sentence for a refused call: this feature's reason text, else the error code's. */
export function refusal(failure: Extract<Caught<unknown>, { ok: false }>): string {
  const key = failure.error.reason
    ? knownKey(`outreach-plan.reason.${failure.error.reason}`)
    : null;
  return key ? t(key) : failure.message;
}

export type View = 'list' | 'form' | 'event' | 'invitations';

/** The outreach plan screen's state: the event list, one event, the form's choices. */
export class OutreachPlanState {
  view = $state<View>('list');
  events = $state<OutreachEventSummary[] | null>(null);
  event = $state<OutreachEventDetail | null>(null);
  options = $state<OutreachPlanOptions | null>(null);
  /** Editing this event's plan, or null for a new one. */
  editing = $state<string | null>(null);
  error = $state<string | null>(null);
  isBusy = $state(false);
  invitations = $state<InvitationList | null>(null);

  async loadList(): Promise<void> {
    const answer = await sendCatch('outreach-event-list', {});
    if (answer.ok) {
      this.events = answer.value;
      this.error = null;
    } else this.error = refusal(answer);
  }

  async open(eventId: string): Promise<void> {
    this.error = null;
    const answer = await sendCatch('outreach-event-get', { eventId });
    if (!answer.ok) {
      this.error = refusal(answer);
      return;
    }
    this.event = answer.value;
    this.invitations = null;
    this.view = 'event';
  }

  async showForm(eventId: string | null): Promise<void> {
    this.error = null;
    if (!this.options) {
      const answer = await sendCatch('outreach-event-options', {});
      if (!answer.ok) {
        this.error = refusal(answer);
        return;
      }
      this.options = answer.value;
    }
    this.editing = eventId;
    this.view = 'form';
  }

  async backToList(): Promise<void> {
    this.view = 'list';
    this.event = null;
    await this.loadList();
  }

  /** Null when saved (the event page opens), else why not. */
  async save(plan: OutreachEventPlan): Promise<string | null> {
    return this.#run(async () => {
      const answer = await sendCatch('outreach-event-save', { eventId: this.editing, plan });
      if (!answer.ok) return refusal(answer);
      this.event = answer.value;
      this.view = 'event';
      return null;
    });
  }

  async recheck(): Promise<string | null> {
    const event = this.event;
    if (!event) return null;
    return this.#run(async () => {
      const answer = await sendCatch('outreach-readiness-check', { eventId: event.id });
      if (!answer.ok) return refusal(answer);
      this.event = { ...event, readiness: answer.value };
      return null;
    });
  }

  async confirmPaper(): Promise<string | null> {
    const event = this.event;
    if (!event) return null;
    return this.#run(async () => {
      const answer = await sendCatch('outreach-readiness-confirm', {
        eventId: event.id,
        item: 'printer-paper',
      });
      if (!answer.ok) return refusal(answer);
      this.event = { ...event, readiness: answer.value };
      return null;
    });
  }

  async start(overrideReason: string | null): Promise<string | null> {
    const event = this.event;
    if (!event) return null;
    return this.#run(async () => {
      const answer = await sendCatch('outreach-event-start', { eventId: event.id, overrideReason });
      if (!answer.ok) return refusal(answer);
      this.event = answer.value;
      return null;
    });
  }

  async close(): Promise<string | null> {
    const event = this.event;
    if (!event) return null;
    return this.#run(async () => {
      const answer = await sendCatch('outreach-event-close', { eventId: event.id });
      if (!answer.ok) return refusal(answer);
      this.event = answer.value;
      return null;
    });
  }

  async checkout(item: OutreachStockItem, count: number): Promise<string | null> {
    const event = this.event;
    if (!event) return null;
    return this.#run(async () => {
      const answer = await sendCatch('outreach-stock-checkout', { eventId: event.id, item, count });
      if (!answer.ok) return refusal(answer);
      // The office levels and the readiness follow a checkout: read the event again.
      const fresh = await sendCatch('outreach-event-get', { eventId: event.id });
      this.event = fresh.ok ? fresh.value : { ...event, stock: answer.value };
      return null;
    });
  }

  async loadInvitations(rules: InvitationRule[]): Promise<string | null> {
    const event = this.event;
    if (!event) return null;
    return this.#run(async () => {
      const answer = await sendCatch('outreach-invitations-list', { eventId: event.id, rules });
      if (!answer.ok) return refusal(answer);
      this.invitations = answer.value;
      return null;
    });
  }

  async exportInvitations(
    rules: InvitationRule[],
    format: 'pdf' | 'csv',
  ): Promise<{ fileName: string; mimeType: string; base64: string } | string> {
    const event = this.event;
    if (!event) return '';
    this.isBusy = true;
    const answer = await sendCatch('outreach-invitations-export', {
      eventId: event.id,
      rules,
      format,
    });
    this.isBusy = false;
    return answer.ok ? answer.value : refusal(answer);
  }

  async #run(work: () => Promise<string | null>): Promise<string | null> {
    this.isBusy = true;
    try {
      return await work();
    } finally {
      this.isBusy = false;
    }
  }
}
