import { z } from 'zod';
import { ok, type AuditEntry, type Role } from '../../contract';
import { listAudit } from '../../../db/queries/audit';
import type { AuditRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { syncTarget } from '../sync/enrolment';
import { verifyAuditWithAnchors } from './anchor';

export function registerAudit(app: App, deps: CoreDeps): void {
  app.method('audit-list', {
    role: 'supervisor',
    args: z.strictObject({
      limit: z.number().int().min(1).max(500),
      beforeSeq: z.number().int().min(1).optional(),
    }),
    run: async (args) => ok((await listAudit(deps.db, args)).map(toAuditEntry)),
  });

  app.method('audit-verify', {
    role: 'supervisor',
    args: z.strictObject({}),
    // The chain, and every audit anchor the district signed into this station's receipts
    // (finding 1.8): a chain recomputed after a rewrite verifies alone, not against those.
    run: async () =>
      ok(
        await verifyAuditWithAnchors(deps.db, (await syncTarget(deps))?.districtSigningKey ?? null),
      ),
  });
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    role: row.role as Role,
    action: row.action,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}
