import type { OutreachEventListItem } from '../../../../../electron/contract/office/reports';
import { call } from '../../lib/api';

/**
 * Outreach events ("Jelades Semedi") and their confirmed reports as the stations sent them
 * (issue 16; reports-outreach-list), and each version's PDF as a download.
 */
export class OutreachEvents {
  events = $state<OutreachEventListItem[] | null>(null);
  error = $state<unknown>(null);
  downloading = $state<string | null>(null);
  downloadError = $state<unknown>(null);

  async load(): Promise<void> {
    try {
      this.events = (await call('reports-outreach-list', {})).events;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  async download(unitId: string, reportId: string): Promise<void> {
    if (this.downloading) return;
    this.downloading = reportId;
    this.downloadError = null;
    try {
      const file = await call('reports-outreach-pdf', { unitId, reportId });
      const bytes = Uint8Array.from(atob(file.pdfBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.downloadError = error;
    } finally {
      this.downloading = null;
    }
  }
}

/** "57,1%" (Indonesian), "–" without a share. */
export function shareText(share: number | null): string {
  return share === null
    ? '–'
    : `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(share * 100)}%`;
}
