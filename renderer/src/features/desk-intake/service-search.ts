import type { CatalogueService } from '../../../../electron/contract';

/**
 * True when every word of the query is in the service's code, title (either language) or
 * summary: "kia baru" finds "KIA baru", "akta lahir" finds "Akta kelahiran".
 */
export function matchesQuery(
  service: Pick<CatalogueService, 'code' | 'title' | 'summary'>,
  query: string,
): boolean {
  const text = [service.code, service.title.id, service.title.en, service.summary.id]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}
