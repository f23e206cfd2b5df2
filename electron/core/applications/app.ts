import { z } from 'zod';
import { fail, failWith, ok, type ApplicationStatusView } from '../../contract';
import {
  getApplicationByNumber,
  listPhotoRequirements,
  listStatusHistory,
} from '../../../db/queries/applications';
import type { App } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import {
  formatCheck,
  parseStatusLink,
  statusCheckFor,
  statusLinkFor,
  verifyStatusCheck,
} from '../kiosk/qr';
import { printReceipt } from '../kiosk/print';
import { receiptPrintJob } from '../kiosk/receipt';
import { maskNik } from '../registry/nik';
import { registerFieldCheck } from './app-field-check';
import { loadConsent } from './consent';
import { unitCode } from './number';
import { receiptData, receiptView } from './receipt-data';
import { statusLabel } from './status';
import { findService, submitApplication } from './submit';

/** A receipt can be (re)printed at the kiosk only this long after submitting. */
export const RECEIPT_WINDOW_MS = 30 * 60 * 1000;

const CODE = z.string().min(1).max(60);
const submitArgs = z.strictObject({
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
const numberAndCheck = z.strictObject({
  number: z.string().trim().min(1).max(40),
  check: z.string().min(1).max(20),
});

export function registerApplications(app: App, deps: CoreDeps): void {
  registerFieldCheck(app, deps);
  const consent = loadConsent(deps.ports.paths.resourcesDir);
  const statusKey = deps.ports.keyStore.loadOrCreate('status-check');
  const code = unitCode(deps.unit);
  /** Number and check as typed or scanned; a failure when the check does not belong to it. */
  const checked = (number: string, check: string) => {
    const upper = number.toUpperCase();
    return verifyStatusCheck(upper, check, statusKey)
      ? ok(upper)
      : failWith('INVALID_ARGS', 'BAD_CHECK', 'The check code does not match the number', [
          'check',
        ]);
  };

  app.method('kiosk-consent-get', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: () => ok(consent),
  });

  app.method('kiosk-application-submit', {
    role: 'kiosk',
    args: submitArgs,
    run: async (args, ctx) => {
      const result = await submitApplication(deps, ctx.session, args, {
        consent,
        unitCode: code,
        channel: 'kiosk',
      });
      if (!result.ok) return result;
      const row = result.value;
      const service = findService(deps, row.service_code);
      if (!service) throw new Error(`Service ${row.service_code} vanished`);
      return ok({
        number: row.number,
        check: formatCheck(statusCheckFor(row.number, statusKey)),
        statusLink: statusLinkFor(row.number, statusKey),
        receipt: receiptView(row, service, new Set(args.photos.map((p) => p.requirementCode))),
      });
    },
  });

  app.method('kiosk-receipt-print', {
    role: 'kiosk',
    args: numberAndCheck,
    run: async (args, ctx) => {
      const number = checked(args.number, args.check);
      if (!number.ok) return number;
      const row = await getApplicationByNumber(deps.db, number.value);
      const service = row && findService(deps, row.service_code);
      if (!row || !service) return fail('NOT_FOUND', `No application ${number.value}`);
      const age = deps.ports.clock.now().getTime() - Date.parse(row.created_at);
      if (age > RECEIPT_WINDOW_MS)
        return failWith('CONFLICT', 'RECEIPT_WINDOW_CLOSED', 'Ask an officer to reprint');
      const photographed = new Set(await listPhotoRequirements(deps.db, row.id));
      const job = receiptPrintJob(receiptData(row, service, photographed, deps.unit), {
        statusKey,
      });
      const outcome = await printReceipt(deps, job);
      await recordAuditAlone(deps, ctx.session, 'kiosk.receipt-printed', {
        number: row.number,
        isPrinted: outcome.isPrinted,
      });
      return ok(outcome);
    },
  });

  app.method('kiosk-status-check', {
    role: 'kiosk',
    args: z.union([z.strictObject({ link: z.string().min(1).max(200) }), numberAndCheck]),
    run: async (args) => {
      let number: string;
      if ('link' in args) {
        const parsed = parseStatusLink(args.link, statusKey);
        if (!parsed.ok)
          return failWith('INVALID_ARGS', parsed.error, 'Not a status link of this unit', ['link']);
        number = parsed.value.number;
      } else {
        const result = checked(args.number, args.check);
        if (!result.ok) return result;
        number = result.value;
      }
      const row = await getApplicationByNumber(deps.db, number);
      const service = row && findService(deps, row.service_code);
      if (!row || !service) return fail('NOT_FOUND', `No application ${number}`);
      const history = await listStatusHistory(deps.db, row.id);
      return ok({
        number: row.number,
        service: service.title,
        maskedNik: row.applicant_nik === null ? null : maskNik(row.applicant_nik),
        status: row.status,
        statusLabel: statusLabel(row.status),
        timeline: history.map((h) => ({
          status: h.status,
          at: h.at,
          label: statusLabel(h.status),
        })),
      } satisfies ApplicationStatusView);
    },
  });
}
