import { z } from 'zod';
import {
  failWith,
  ok,
  type CatalogueField,
  type FieldCheckResult,
  type LocalText,
} from '../../contract';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { validateKk, validateNik } from '../registry/nik';
import { findService } from './submit';
import { checkFieldValue } from '../kiosk/field-rules';
import { jakartaDay } from '../common/jakarta';

const CODE = z.string().min(1).max(60);

/**
 * `applications-field-check`: one wizard answer against exactly the rules the submit applies, so the
 * citizen hears about a wrong NIK on the screen where it was typed, not at the very end. It reads
 * nothing but the catalogue and writes nothing.
 */
export function registerFieldCheck(app: App, deps: CoreDeps): void {
  app.method('applications-field-check', {
    role: 'kiosk',
    args: z.strictObject({ serviceCode: CODE, fieldCode: CODE, value: z.string().max(200) }),
    run: (args) => {
      const service = findService(deps, args.serviceCode);
      if (!service)
        return failWith('NOT_FOUND', 'UNKNOWN_SERVICE', `Unknown service ${args.serviceCode}`, [
          'serviceCode',
        ]);
      const field = service.fields.find((f) => f.code === args.fieldCode);
      if (!field)
        return failWith('INVALID_ARGS', 'UNKNOWN_FIELD', `${args.fieldCode} is not asked`, [
          'fieldCode',
        ]);
      const value = args.value.trim();
      if (value === '')
        return ok(field.need === 'required' ? invalid('FIELD_REQUIRED', null) : VALID);
      const today = jakartaDay(deps.ports.clock.now());
      const problem = checkFieldValue(field, value, { today, codeLists: deps.codeLists });
      return ok(problem ? invalid(problem.reason, citizenMessage(field, value, today)) : VALID);
    },
  });
}

const VALID: FieldCheckResult = { isValid: true, reason: null, message: null };

function invalid(reason: string, message: LocalText | null): FieldCheckResult {
  return { isValid: false, reason, message };
}

/** The NIK and KK rules say which digits are wrong; other reasons are translated by the UI. */
function citizenMessage(field: CatalogueField, value: string, today: string): LocalText | null {
  if (field.type === 'nik') return validateNik(value, { today }).errors[0]?.message ?? null;
  if (field.type === 'kk') return validateKk(value).errors[0]?.message ?? null;
  return null;
}
