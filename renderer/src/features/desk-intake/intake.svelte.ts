import type { ApplicationSubmitResult, CatalogueService } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { releaseAllCameras } from '../../lib/media/camera';
import { PhotoStore } from '../../lib/media/photos';
import { Wizard } from '../../lib/wizard/wizard.svelte';
import { matchesQuery } from './service-search';

/**
 * One application taken at the desk: the catalogue to choose from, then the kiosk's wizard in
 * desk mode. Answers and photos live only in the wizard until its single submit, as at the kiosk.
 */
export class DeskIntake {
  services = $state<CatalogueService[]>([]);
  error = $state<string | null>(null);
  isLoading = $state(false);
  wizard = $state<Wizard | null>(null);
  readonly photos = new PhotoStore();

  async load(): Promise<void> {
    this.isLoading = true;
    const result = await sendCatch('kiosk-catalogue', {});
    this.isLoading = false;
    if (!result.ok) {
      this.error = result.message;
      return;
    }
    this.error = null;
    this.services = result.value.groups
      .filter((g) => g.kind === 'application')
      .flatMap((g) => g.services);
  }

  search(query: string): CatalogueService[] {
    return this.services.filter((s) => matchesQuery(s, query));
  }

  start(service: CatalogueService): void {
    this.drop();
    this.wizard = new Wizard(service, this.photos, 'desk');
  }

  /**
   * The wizard of an outreach visit's service (docs/outreach-visits.md) with what the visit knows
   * filled in: the visitor as applicant, the person served where the service asks for them.
   */
  startFor(task: {
    visit: { name: string; nik: string | null } | null;
    service: { serviceCode: string; subjectName: string; subjectNik: string | null } | null;
  }): void {
    const { visit, service } = task;
    const match = service && this.services.find((s) => s.code === service.serviceCode);
    if (!visit || !service || !match) return;
    this.start(match);
    const known: Record<string, string | null> = {
      'pemohon-nik': visit.nik,
      'pemohon-nama': visit.name,
      'subjek-nik': service.subjectNik,
      'anak-nik': service.subjectNik,
      'anak-nama': service.subjectName,
    };
    for (const field of match.fields) {
      const value = known[field.code];
      if (value) this.wizard?.setAnswer(field.code, value);
    }
  }

  /**
   * The id of an application just submitted, for the inbox to open. The submit result carries
   * only the number; the inbox lists oldest first, so a new one is on its last page.
   */
  async findId(result: ApplicationSubmitResult): Promise<string | null> {
    const serviceCode = this.wizard?.service.code;
    const base = { status: 'diajukan', serviceCode, claim: 'all' } as const;
    const head = await sendCatch('desk-inbox', { ...base, offset: 0, limit: 1 });
    if (!head.ok) return null;
    const offset = Math.max(0, head.value.total - 100);
    const page = await sendCatch('desk-inbox', { ...base, offset, limit: 100 });
    if (!page.ok) return null;
    return page.value.items.find((item) => item.number === result.number)?.id ?? null;
  }

  /** Cancelled, or done and the next applicant is called: answers, photos and cameras go. */
  drop(): void {
    this.wizard = null;
    this.photos.clear();
    releaseAllCameras();
  }
}
