import { z } from 'zod';
import { fail, failWith, ok, type ApplicationStatusView } from '../../contract';
import {
  getApplicationByNumber,
  listPhotoRequirements,
  listStatusHistory,
} from '../../../db/queries/applications';
import type { App, CallContext } from '../../transport/dispatcher';
import { LARGE_CALL_BYTES } from '../../transport/limits';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { parseStatusLink, verifyStatusCheck } from '../kiosk/qr';
import { limitAnonymous } from '../limits/anonymous';
import { kioskDiskRefusal } from '../limits/disk';
import { printReceipt } from '../kiosk/print';
import { receiptPrintJob } from '../kiosk/receipt';
import { registerFieldCheck } from './app-field-check';
import { receiptData } from './receipt-data';
import { currentNote, statusLabel } from './status';
import { findService } from './submit';
import { submitArgs, submitContext, submitWithReceipt } from './submit-result';
import { maskNik } from '../common/mask';

/** A receipt can be (re)printed at the kiosk only this long after submitting. */
export const RECEIPT_WINDOW_MS = 30 * 60 * 1000;

const numberAndCheck = z.strictObject({
  number: z.string().trim().min(1).max(40),
  check: z.string().min(1).max(20),
});

export function registerApplications(host: App, deps: CoreDeps): void {
  // Issue 13 finding 1.9: anonymous callers pass the kiosk limits first (electron/core/limits).
  const app = limitAnonymous(host, deps.limits, {
    'applications-submit': 'submit',
    'applications-receipt-print': 'lookup',
    'applications-status-check': 'lookup',
  });
  registerFieldCheck(app, deps);
  const submit = submitContext(deps);
  const { consent, statusKey } = submit;
  /** Number and check as typed or scanned; a failure when the check does not belong to it. */
  const checked = (number: string, check: string) => {
    const upper = number.toUpperCase();
    return verifyStatusCheck(upper, check, statusKey)
      ? ok(upper)
      : failWith('INVALID_ARGS', 'BAD_CHECK', 'The check code does not match the number', [
          'check',
        ]);
  };

  /** A look-up that found nothing: counted against the anonymous caller's source. */
  const unknown = <F>(ctx: CallContext, failure: F): F => {
    deps.limits.noteUnknown(ctx);
    return failure;
  };

  app.method('applications-consent-get', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: () => ok(consent),
  });

  app.method('applications-submit', {
    role: 'kiosk',
    args: submitArgs,
    maxBytes: LARGE_CALL_BYTES,
    // A nearly full disk refuses kiosk submissions before anything is decoded or written.
    run: async (args, ctx) =>
      (await kioskDiskRefusal(deps)) ?? submitWithReceipt(deps, submit, ctx.session, args, 'kiosk'),
  });

  app.method('applications-receipt-print', {
    role: 'kiosk',
    args: numberAndCheck,
    run: async (args, ctx) => {
      const number = checked(args.number, args.check);
      // A wrong check or number makes this source's next look-ups wait (finding 1.9).
      if (!number.ok) return unknown(ctx, number);
      const row = await getApplicationByNumber(deps.db, number.value);
      const service = row && findService(deps, row.service_code);
      if (!row || !service)
        return unknown(ctx, fail('NOT_FOUND', `No application ${number.value}`));
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

  app.method('applications-status-check', {
    role: 'kiosk',
    args: z.union([z.strictObject({ link: z.string().min(1).max(200) }), numberAndCheck]),
    run: async (args, ctx) => {
      let number: string;
      if ('link' in args) {
        const parsed = parseStatusLink(args.link, statusKey);
        if (!parsed.ok)
          return unknown(
            ctx,
            failWith('INVALID_ARGS', parsed.error, 'Not a status link of this unit', ['link']),
          );
        number = parsed.value.number;
      } else {
        const result = checked(args.number, args.check);
        if (!result.ok) return unknown(ctx, result);
        number = result.value;
      }
      const row = await getApplicationByNumber(deps.db, number);
      const service = row && findService(deps, row.service_code);
      if (!row || !service) return unknown(ctx, fail('NOT_FOUND', `No application ${number}`));
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
        note: currentNote(row.status, history),
      } satisfies ApplicationStatusView);
    },
  });
}
