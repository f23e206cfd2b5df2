/** Longest detail shown in the audit table; the rest is cut with an ellipsis. */
const MAX_DETAIL = 240;

/** An audit entry's detail as one line: `key: value` pairs, nested values as compact JSON. */
export function detailText(detail: Record<string, unknown>): string {
  const text = Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
