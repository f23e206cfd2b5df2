/** One line for a table cell: `number=A-001, service=kk`. Long values are cut, not wrapped. */
export function compactDetail(detail: Record<string, unknown>, maxLength = 120): string {
  const text = Object.entries(detail)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
