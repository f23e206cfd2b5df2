import type { Kysely } from 'kysely';
import { z } from 'zod';
import { failWith, ok, type PrinterSettings } from '../../contract';
import { getSetting, putSetting } from '../../../db/queries/settings';
import type { Database } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';

/** print-settings-get/-set: which system printer takes which paper (docs/printing.md). */
type Papers = Omit<PrinterSettings, 'available'>;
const PAPERS = ['document', 'card', 'receipt'] as const;
const key = (paper: (typeof PAPERS)[number]) => `printer.${paper}`;

export async function readPrinterSettings(db: Kysely<Database>): Promise<Papers> {
  const [document, card, receipt] = await Promise.all(
    PAPERS.map((paper) => getSetting<string>(db, key(paper))),
  );
  return { document: document ?? null, card: card ?? null, receipt: receipt ?? null };
}

/** The printer a job of this kind goes to; null = the system default. */
export async function configuredPrinter(
  deps: Pick<CoreDeps, 'db'>,
  kind: 'document' | 'form' | 'card' | 'receipt',
): Promise<string | null> {
  const settings = await readPrinterSettings(deps.db);
  return kind === 'card'
    ? settings.card
    : kind === 'receipt'
      ? settings.receipt
      : settings.document;
}

/** The host's printers; a host that cannot list them counts as one that lists none. */
async function available(deps: CoreDeps): Promise<string[]> {
  try {
    return await deps.ports.printer.list();
  } catch (error) {
    deps.ports.log.warn('Printer list failed', { error: String(error) });
    return [];
  }
}

const name = z.string().trim().min(1).max(200).nullable();

export function registerPrinterSettings(app: App, deps: CoreDeps): void {
  app.method('print-settings-get', {
    role: 'admin',
    args: z.strictObject({}),
    run: async () =>
      ok({ ...(await readPrinterSettings(deps.db)), available: await available(deps) }),
  });

  app.method('print-settings-set', {
    role: 'admin',
    args: z.strictObject({ document: name, card: name, receipt: name }),
    run: async (args, ctx) => {
      const printers = await available(deps);
      // An empty list (station server, or no printer driver) cannot say a name is wrong.
      const unknown = PAPERS.filter(
        (p) => args[p] !== null && printers.length > 0 && !printers.includes(args[p] ?? ''),
      );
      if (unknown.length > 0)
        return failWith(
          'INVALID_ARGS',
          'UNKNOWN_PRINTER',
          `Not a printer of this host: ${unknown.join(', ')}`,
          unknown,
        );
      const at = deps.ports.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        for (const paper of PAPERS) await putSetting(trx, key(paper), args[paper], at);
        await recordAudit(deps, trx, ctx.session, 'printer.settings-changed', { ...args });
      });
      return ok({ ...args, available: printers });
    },
  });
}
