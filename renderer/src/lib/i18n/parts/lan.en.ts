import type { lanId } from './lan.id';

/** English messages of LAN desks and pairing (issue 16); the same keys as lan.id.ts. */
export const lanEn: Record<keyof typeof lanId, string> = {
  'lan.title': 'LAN desks',
};
