/** Bahasa Indonesia messages of LAN desks and pairing (issue 16); spread into id.ts. */
export const lanId = {
  'lan.title': 'Meja jaringan (LAN)',
} satisfies Record<string, string>;
