import type { outreachDeskId } from './outreach-desk.id';

/** English messages of arrivals, desk visits, queue display (issue 16); the same keys as outreach-desk.id.ts. */
export const outreachDeskEn: Record<keyof typeof outreachDeskId, string> = {
  'outreach-desk.title': 'Event desk',
};
