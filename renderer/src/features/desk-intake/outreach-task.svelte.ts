import type { OutreachVisit, VisitService } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import { knownKey } from '../../lib/i18n/reason-keys';

/**
 * A service of an outreach visit this screen was opened for (`open` = "outreach:<visit>:<service>",
 * from the desk screen; docs/outreach-visits.md): the application made here is linked to it.
 */
export class OutreachTask {
  visit = $state.raw<OutreachVisit | null>(null);
  service = $state.raw<VisitService | null>(null);
  isLinked = $state(false);
  error = $state<string | null>(null);

  static parse(open: string | undefined): { visitId: string; serviceId: string } | null {
    const m = /^outreach:([^:]+):([^:]+)$/.exec(open ?? '');
    return m?.[1] && m[2] ? { visitId: m[1], serviceId: m[2] } : null;
  }

  async load(open: string | undefined): Promise<boolean> {
    const ids = OutreachTask.parse(open);
    if (!ids) return false;
    const result = await sendCatch('outreach-visit-get', { visitId: ids.visitId });
    if (!result.ok) {
      this.error = result.message;
      return false;
    }
    this.visit = result.value;
    this.service = result.value.services.find((s) => s.id === ids.serviceId) ?? null;
    return this.service !== null;
  }

  /** Links the application to the visit's service; the desk screen shows it at once. */
  async link(applicationId: string): Promise<void> {
    const service = this.service;
    if (!service || this.isLinked) return;
    const result = await sendCatch('outreach-visit-service-link', {
      serviceId: service.id,
      applicationId,
      recordingId: null,
    });
    if (result.ok) [this.isLinked, this.error] = [true, null];
    else {
      const key = knownKey(`outreach-desk.reason.${result.error.reason ?? ''}`);
      this.error = `${t('outreach-desk.linkFailed')} ${key ? t(key) : result.message}`;
    }
  }
}
