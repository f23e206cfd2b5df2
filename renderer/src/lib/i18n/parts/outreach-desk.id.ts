/** Bahasa Indonesia messages of arrivals, desk visits, queue display (issue 16); spread into id.ts. */
export const outreachDeskId = {
  'outreach-desk.title': 'Layanan kegiatan',
} satisfies Record<string, string>;
