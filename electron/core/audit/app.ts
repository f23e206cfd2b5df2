import { z } from 'zod';
import { ok, type AuditEntry, type Role } from '../../contract';
import { listAudit, verifyAuditChain } from '../../../db/queries/audit';
import type { AuditRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';

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
    run: async () => ok(await verifyAuditChain(deps.db)),
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
