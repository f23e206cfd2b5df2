import { z } from 'zod';
import { fail, ok } from '../../contract';
import type { App } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { validateNik } from './nik';
import { jakartaDay } from '../common/jakarta';

/**
 * Findings an officer may accept for a record (domain §1.2 "warnings: let the operator override,
 * and log the override"). Everything else, above all every error, is refused.
 */
export const OVERRIDABLE_WARNINGS: ReadonlySet<string> = new Set([
  'NIK_DISTRICT_UNKNOWN',
  'NIK_BIRTHDATE_MISMATCH',
  'NIK_SEX_MISMATCH',
  'NIK_BIODATA_DATE_INVALID',
  'NIK_FEB29_NOT_LEAP',
  'KK_DISTRICT_UNKNOWN',
  'HEAD_AGE_UNKNOWN',
  'SHDK_CUCU_UNMARRIED',
  'SHDK_SPOUSE_SEX',
  'PARENT_NIK_DROPPED',
]);

export const OVERRIDE_REASON_MIN = 10;

export function registerNikOverride(app: App, deps: CoreDeps): void {
  app.method('registry-nik-override', {
    role: 'operator',
    args: z.strictObject({
      nik: z.string().max(64),
      warningCodes: z.array(z.string().min(1).max(64)).min(1).max(20),
      reason: z.string().trim().min(OVERRIDE_REASON_MIN).max(500),
    }),
    run: async (args, ctx) => {
      const check = validateNik(args.nik, { today: jakartaDay(deps.ports.clock.now()) });
      if (!check.isValid) {
        const codes = check.errors.map((e) => e.code).join(', ');
        return fail(
          'NOT_OVERRIDABLE',
          `The NIK has errors (${codes}); errors are never overridden`,
        );
      }
      const refused = args.warningCodes.filter((code) => !OVERRIDABLE_WARNINGS.has(code));
      if (refused.length > 0) {
        return fail('NOT_OVERRIDABLE', `Not an overridable warning: ${refused.join(', ')}`, [
          'warningCodes',
        ]);
      }
      const seq = await recordAudit(
        deps,
        deps.db,
        ctx.session,
        'registry.nik-override',
        { warningCodes: [...new Set(args.warningCodes)].sort(), reason: args.reason },
        args.nik,
      );
      const row = await deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('seq', '=', seq)
        .executeTakeFirstOrThrow();
      return ok({ auditId: row.id });
    },
  });
}
