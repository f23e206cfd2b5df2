/** "21–40" of a page, or null for an empty one. */
export function pageRange(offset: number, shown: number): { from: number; to: number } | null {
  if (shown === 0) return null;
  return { from: offset + 1, to: offset + shown };
}
