import { z } from 'zod';
import { ok } from '../../contract';
import { verifyQrPayload } from '../../protocol/document-qr';
import type { App } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { storedEnrolment } from './enrolment';

/** Checks the QR code of an issued document against the district key and the revocations. */
export function registerDocumentVerify(app: App, deps: CoreDeps): void {
  app.method('sync-document-verify', {
    role: 'operator',
    args: z.strictObject({ text: z.string().min(1).max(2000) }),
    run: async (args, ctx) => {
      const enrolment = await storedEnrolment(deps);
      const base = {
        problem: null,
        documentNumber: null,
        kind: null,
        issuedAt: null,
        revokedAt: null,
        revokeReason: null,
        name: null,
      };
      if (!enrolment) return ok({ ...base, status: 'not-enrolled' as const });
      const revokedStatement = deps.sqlite.prepare(
        'SELECT reason, revoked_at AS revokedAt FROM revocations WHERE document_number = ?',
      );
      const verdict = verifyQrPayload(
        Buffer.from(enrolment.districtSigningKey, 'base64'),
        args.text,
        (n) =>
          (revokedStatement.get(n) as { reason: string; revokedAt: string } | undefined) ?? null,
      );
      await recordAuditAlone(deps, ctx.session, 'sync.document-verify', {
        status: verdict.status,
        documentNumber: verdict.status === 'invalid' ? null : verdict.body.n,
      });
      if (verdict.status === 'invalid')
        return ok({ ...base, status: 'invalid' as const, problem: verdict.problem });
      const local = deps.sqlite
        .prepare('SELECT signed FROM issued_documents WHERE document_number = ?')
        .pluck()
        .get(verdict.body.n) as string | undefined;
      const name = local
        ? ((JSON.parse(local) as { data?: { NAMA_LGKP?: unknown } }).data?.NAMA_LGKP ?? null)
        : null;
      return ok({
        ...base,
        status: verdict.status,
        documentNumber: verdict.body.n,
        kind: verdict.body.k,
        issuedAt: verdict.body.t,
        revokedAt: verdict.status === 'revoked' ? verdict.revokedAt : null,
        revokeReason: verdict.status === 'revoked' ? verdict.reason : null,
        name: typeof name === 'string' ? name : null,
      });
    },
  });
}
