import type { CatalogueField } from '../../contract';
import { isCodeListName, type CodeLists } from '../registry/code-lists';
import { parseIsoDay, validateKk, validateNik } from '../registry/nik';

/**
 * The catalogue's rule for one wizard answer (docs/kiosk-catalogue.md): the submission
 * (applications/validate.ts), the wizard's per-field check and the identify step's pre-fill all
 * judge a value by this one function.
 */

const PHONE = /^(\+62|0)[0-9]{8,13}$/;
const VILLAGE = /^[0-9]{10}$/;

/** What a value check needs besides the field: the Jakarta day and the SIAK code lists. */
export interface ValueContext {
  today: string;
  codeLists: CodeLists;
}

/**
 * One trimmed, non-empty answer against its field; null when it passes. Also used to offer only
 * pre-fill values that a submission would accept (kiosk-identify).
 */
export function checkFieldValue(
  field: CatalogueField,
  value: string,
  { today, codeLists }: ValueContext,
): { reason: string; message: string } | null {
  const { validation } = field;
  switch (field.type) {
    case 'nik': {
      const result = validateNik(value, { today });
      return result.isValid
        ? null
        : { reason: 'INVALID_NIK', message: result.errors.map((e) => e.code).join(', ') };
    }
    case 'kk': {
      const result = validateKk(value);
      return result.isValid
        ? null
        : { reason: 'INVALID_KK', message: result.errors.map((e) => e.code).join(', ') };
    }
    case 'date': {
      if (!parseIsoDay(value)) return { reason: 'INVALID_DATE', message: `Not a date: ${value}` };
      if (validation.isNotInFuture && value > today)
        return { reason: 'DATE_IN_FUTURE', message: `${value} is after ${today}` };
      return null;
    }
    case 'phone':
      return PHONE.test(value.replace(/[\s-]/g, ''))
        ? null
        : { reason: 'INVALID_PHONE', message: 'Not an Indonesian phone number' };
    case 'region':
      return VILLAGE.test(value)
        ? null
        : { reason: 'INVALID_REGION', message: 'Not a 10-digit village code' };
    case 'choice':
      return field.options.some((o) => o.value === value)
        ? null
        : { reason: 'INVALID_OPTION', message: `${value} is not an option` };
    case 'select':
      // The wizard submits String(code); numbers and text codes compare as text.
      return isCodeListName(field.codeList) &&
        codeLists.items(field.codeList).some((item) => String(item.code) === value)
        ? null
        : { reason: 'INVALID_OPTION', message: `${value} is not in ${field.codeList ?? '?'}` };
    case 'text': {
      const length = [...value].length;
      if (validation.minLength !== null && length < validation.minLength)
        return { reason: 'TOO_SHORT', message: `At least ${validation.minLength} characters` };
      if (validation.maxLength !== null && length > validation.maxLength)
        return { reason: 'TOO_LONG', message: `At most ${validation.maxLength} characters` };
      if (validation.pattern !== null && !new RegExp(validation.pattern, 'u').test(value))
        return { reason: 'PATTERN_MISMATCH', message: `Does not match ${validation.pattern}` };
      return null;
    }
  }
}
