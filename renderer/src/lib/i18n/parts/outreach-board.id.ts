/** Bahasa Indonesia messages of live board and report (issue 16); spread into id.ts. */
export const outreachBoardId = {
  'outreach-board.title': 'Papan kegiatan',
} satisfies Record<string, string>;
