import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fail, ok, roleAtLeast } from '../../contract';
import { appendAudit, hashSubject } from '../../../db/queries/audit';
import { residentById } from '../../../db/queries/residents-read';
import type { Database } from '../../../db/schema';
import type { App, Session } from '../../transport/dispatcher';
import type { Ports } from '../ports';
import { loadCodeLists, type CodeLists } from './code-lists';
import { familyCard, residentDetail } from './resident-view';
import { parseResidentRef, searchResidents } from './search';
import { parseSearchQuery } from './search-query';
import { jakartaDay } from '../common/jakarta';
import { officerName } from '../common/officer';

/**
 * registry-search, registry-resident-get, registry-family-get (docs/registry-search.md).
 * Searches are not audited (lists are masked; one entry per keystroke would bury the chain);
 * opening a record or a family card is, with the NIK only as a keyed hash.
 */
export interface SearchDeps {
  db: Kysely<Database>;
  sqlite: SQLite.Database;
  ports: Pick<Ports, 'clock' | 'ids' | 'paths'>;
  auditKey: Buffer;
  codeLists?: CodeLists | undefined;
}

const digits = (n: number) => z.string().regex(new RegExp(`^[0-9]{${n}}$`), `${n} digits`);
const year = z.number().int().min(1850).max(2200);

const searchArgs = z
  .strictObject({
    query: z.string().superRefine((q, ctx) => {
      const parsed = parseSearchQuery(q);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
    villageCode: digits(10).optional(),
    districtCode: digits(6).optional(),
    birthYearFrom: year.optional(),
    birthYearTo: year.optional(),
    sex: z.union([z.literal(1), z.literal(2)]).optional(),
    limit: z.number().int().min(1).max(100),
  })
  .refine((a) => (a.birthYearFrom ?? 0) <= (a.birthYearTo ?? Infinity), {
    message: 'BIRTH_YEAR_RANGE',
    path: ['birthYearTo'],
  })
  .refine((a) => !a.villageCode || !a.districtCode || a.villageCode.startsWith(a.districtCode), {
    message: 'VILLAGE_NOT_IN_DISTRICT',
    path: ['villageCode'],
  });

const refArg = z.string().refine((r) => parseResidentRef(r) !== null, 'a resident ref');

export function registerRegistrySearch(app: App, deps: SearchDeps): void {
  const codeLists = deps.codeLists ?? loadCodeLists(deps.ports.paths.resourcesDir);
  const today = () => jakartaDay(deps.ports.clock.now());
  const audit = (
    session: Session,
    action: string,
    detail: Record<string, unknown>,
    nik: string | null,
  ) =>
    appendAudit(deps.db, deps.auditKey, {
      id: deps.ports.ids.uuid(),
      at: deps.ports.clock.now().toISOString(),
      actor: officerName(session),
      role: session.role,
      action,
      subjectNik: nik,
      detail,
    });

  app.method('registry-search', {
    role: 'operator',
    args: searchArgs,
    run: (args) => ok(searchResidents(deps.sqlite, args, { codeLists })),
  });

  app.method('registry-resident-get', {
    role: 'operator',
    args: z.strictObject({ ref: refArg }),
    run: async (args, ctx) => {
      const row = residentById(deps.sqlite, parseResidentRef(args.ref) ?? 0);
      if (!row) return fail('NOT_FOUND', 'No such resident on this station');
      const mayReadProtected = roleAtLeast(ctx.session.role, 'supervisor');
      const detail = residentDetail(deps.sqlite, row, {
        codeLists,
        today: today(),
        mayReadProtected,
      });
      // Audited before the data leaves: a failed audit write means the record is not shown.
      await audit(
        ctx.session,
        'registry.resident-viewed',
        { ref: args.ref, mayReadProtected },
        row.nik,
      );
      return ok(detail);
    },
  });

  app.method('registry-family-get', {
    role: 'operator',
    args: z
      .strictObject({ kkNumber: digits(16).optional(), ref: refArg.optional() })
      .refine((a) => (a.kkNumber === undefined) !== (a.ref === undefined), {
        message: 'KK_OR_REF',
        path: ['kkNumber'],
      }),
    run: async (args, ctx) => {
      const kk =
        args.kkNumber ??
        residentById(deps.sqlite, parseResidentRef(args.ref ?? '') ?? 0)?.kk_number;
      const found =
        kk === undefined ? null : familyCard(deps.sqlite, kk, { codeLists, today: today() });
      if (!found) return fail('NOT_FOUND', 'No such family card on this station');
      const headNik = found.memberNiks[0] ?? null;
      await audit(
        ctx.session,
        'registry.family-viewed',
        {
          by: args.kkNumber ? 'kk' : 'ref',
          members: found.memberNiks.length,
          // Every member's data is on the card: each is recorded, as a keyed hash only.
          memberSubjects: found.memberNiks.map((nik) => hashSubject(deps.auditKey, nik)),
        },
        headNik,
      );
      return ok(found.card);
    },
  });
}
