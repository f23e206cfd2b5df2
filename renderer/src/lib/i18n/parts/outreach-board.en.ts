import type { outreachBoardId } from './outreach-board.id';

/** English messages of live board and report (issue 16); the same keys as outreach-board.id.ts. */
export const outreachBoardEn: Record<keyof typeof outreachBoardId, string> = {
  'outreach-board.title': 'Event board',
};
