import type { CatalogueField } from '../../contract';
import { regionName } from '../../../db/queries/residents-read';
import type { CoreDeps } from '../deps';
import { isCodeListName, type CodeListName } from '../registry/code-lists';
import { longDay } from '../common/jakarta';

/** How the desk shows stored answers: as printed on documents (Bahasa Indonesia). */

/** A code list label for a stored code ('2' or 'WNI'); the code itself when unknown. */
export function codeLabel(
  deps: Pick<CoreDeps, 'codeLists'>,
  list: CodeListName,
  code: string | number,
): string {
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
