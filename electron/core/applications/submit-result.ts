import { z } from 'zod';
import {
  ok,
  type ApplicationSubmitArgs,
  type ApplicationSubmitResult,
  type ConsentText,
  type Result,
} from '../../contract';
import type { Session } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { formatCheck, statusCheckFor, statusLinkFor } from '../kiosk/qr';
import { loadConsent } from './consent';
import { unitCode } from './number';
import { receiptView } from './receipt-data';
import { findService, submitApplication } from './submit';

/**
 * One submission path for the kiosk and the desk (applications-submit,
 * desk-application-submit): same schema, same checks, same transaction, same result.
 */

const CODE = z.string().min(1).max(60);
export const submitArgs = z.strictObject({
  serviceCode: CODE,
  fields: z.record(CODE, z.string().max(200)),
  photos: z
    .array(
      z.strictObject({
        requirementCode: CODE,
        // Room for a too-large photo to be decoded and refused with PHOTO_TOO_LARGE.
        dataBase64: z.string().min(1).max(1_000_000),
        width: z.number().int().min(1).max(20_000),
        height: z.number().int().min(1).max(20_000),
        takenAt: z.iso.datetime({ offset: true }),
      }),
    )
    // Above MAX_PHOTOS so that a 13th photo gets TOO_MANY_PHOTOS, not a bare schema error.
    .max(20),
  consent: z.strictObject({
    isAccepted: z.literal(true),
    version: z.string().min(1).max(40),
    language: z.enum(['id', 'en']),
  }),
});

export interface SubmitContext {
  consent: ConsentText;
  /** Key of the status-check codes printed on receipts. */
  statusKey: Buffer;
  unitCode: string;
}

export function submitContext(deps: CoreDeps): SubmitContext {
  return {
    consent: loadConsent(deps.ports.paths.resourcesDir),
    statusKey: deps.ports.keyStore.loadOrCreate('status-check'),
    unitCode: unitCode(deps.unit),
  };
}

/** Stores the application and answers with its number, status link and receipt view. */
export async function submitWithReceipt(
  deps: CoreDeps,
  context: SubmitContext,
  session: Pick<Session, 'role' | 'userName' | 'userId'>,
  args: ApplicationSubmitArgs,
  channel: 'kiosk' | 'desk',
): Promise<Result<ApplicationSubmitResult>> {
  const result = await submitApplication(deps, session, args, {
    consent: context.consent,
    unitCode: context.unitCode,
    channel,
  });
  if (!result.ok) return result;
  const row = result.value;
  const service = findService(deps, row.service_code);
  if (!service) throw new Error(`Service ${row.service_code} vanished`);
  return ok({
    number: row.number,
    check: formatCheck(statusCheckFor(row.number, context.statusKey)),
    statusLink: statusLinkFor(row.number, context.statusKey),
    receipt: receiptView(row, service, new Set(args.photos.map((p) => p.requirementCode))),
  });
}
