import { z } from 'zod';
import { fail, ok, type Result } from '../../contract';
import { getApplicationById } from '../../../db/queries/applications';
import { getPhoto } from '../../../db/queries/desk';
import type { ApplicationRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { applicationDetail } from './detail';

export const APPLICATION_ID = z.string().min(1).max(64);

export async function findApplication(deps: CoreDeps, id: string): Promise<Result<ApplicationRow>> {
  const row = await getApplicationById(deps.db, id);
  return row ? ok(row) : fail('NOT_FOUND', `No application ${id}`);
}

/** Reading an application and viewing its photos: each read audited (who saw whose data). */
export function registerDeskRead(app: App, deps: CoreDeps): void {
  app.method('desk-application-get', {
    role: 'operator',
    args: z.strictObject({ id: APPLICATION_ID }),
    run: async (args, ctx) => {
      const found = await findApplication(deps, args.id);
      if (!found.ok) return found;
      const row = found.value;
      await recordAuditAlone(
        deps,
        ctx.session,
        'desk.application-read',
        { number: row.number, service: row.service_code },
        row.applicant_nik,
      );
      return ok(await applicationDetail(deps, row, ctx.session));
    },
  });

  app.method('desk-application-photo', {
    role: 'operator',
    args: z.strictObject({ id: APPLICATION_ID, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    run: async (args, ctx) => {
      const found = await findApplication(deps, args.id);
      if (!found.ok) return found;
      const row = found.value;
      const photo = await getPhoto(deps.db, row.id, args.sha256);
      if (!photo) return fail('NOT_FOUND', `No photo ${args.sha256} in ${row.number}`);
      await recordAuditAlone(
        deps,
        ctx.session,
        'desk.photo-viewed',
        { number: row.number, requirementCode: photo.requirement_code, sha256: args.sha256 },
        row.applicant_nik,
      );
      return ok({
        mime: 'image/jpeg' as const,
        dataBase64: Buffer.from(photo.bytes).toString('base64'),
        width: photo.width,
        height: photo.height,
      });
    },
  });
}
