import type { CatalogueField } from '../../contract';
import { regionName } from '../../../db/queries/residents-read';
import type { CoreDeps } from '../deps';
import { isCodeListName, type CodeListName } from '../registry/code-lists';

/** How the desk shows stored answers: as printed on documents (Bahasa Indonesia). */

const MONTHS = [
  ...['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli'],
  ...['Agustus', 'September', 'Oktober', 'November', 'Desember'],
];

/** '2026-10-15' → '15 Oktober 2026'; anything else as given. */
export function longDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined) return day;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** A code list label for a stored code ('2' or 'WNI'); the code itself when unknown. */
export function codeLabel(deps: CoreDeps, list: CodeListName, code: string | number): string {
  const item = deps.codeLists.items(list).find((i) => String(i.code) === String(code));
  return item?.label ?? String(code);
}

/** A village name from the regions table, the code when the table does not know it. */
export function villageLabel(deps: CoreDeps, code: string): string {
  return regionName(deps.sqlite, code) ?? code;
}

export function displayValue(deps: CoreDeps, field: CatalogueField, value: string): string {
  switch (field.type) {
    case 'date':
      return longDay(value);
    case 'region':
      return villageLabel(deps, value);
    case 'choice':
      return field.options.find((o) => o.value === value)?.label.id ?? value;
    case 'select':
      return isCodeListName(field.codeList) ? codeLabel(deps, field.codeList, value) : value;
    default:
      return value;
  }
}
