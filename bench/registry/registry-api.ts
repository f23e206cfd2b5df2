import { join } from 'node:path';
import type { OpenedDb } from '../../db/open';
import type { RegistrySearchArgs, ResidentSummary } from '../../electron/contract/registry';
import { loadCodeLists } from '../../electron/core/registry/code-lists';
import { IMPORT_CHUNK_ROWS, importExtract } from '../../electron/core/registry/import';
import { getResidentByNik, searchResidents } from '../../electron/core/registry/search';
import { ROOT } from './db';

/**
 * The only place the bench calls the registry's code: the importer and the search. When their
 * signatures change, this file changes and nothing else in bench/.
 */
export { IMPORT_CHUNK_ROWS };

export async function runImport(
  opened: OpenedDb,
  csvFile: string,
): Promise<{ rowsRead: number; rowsAccepted: number; rowsRejected: number }> {
  const summary = await importExtract(opened, {
    file: csvFile,
    resourcesDir: join(ROOT, 'resources'),
    startedBy: 'bench',
  });
  if (summary.status !== 'done') {
    throw new Error(`Import ended ${summary.status}: ${summary.message ?? ''}`);
  }
  return {
    rowsRead: summary.rowsRead,
    rowsAccepted: summary.rowsAccepted,
    rowsRejected: summary.rowsRejected,
  };
}

export type SearchArgs = RegistrySearchArgs;

export interface Search {
  /** The officer's path: the NIK typed into registry-search. True when that resident is found. */
  byNik(nik: string): boolean;
  /** The direct exact lookup (getResidentByNik). True when found. */
  byNikDirect(nik: string): boolean;
  byName(args: SearchArgs): ResidentSummary[];
}

/** The registry's own search functions (search.ts), synchronous on the raw handle. */
export function openSearch(opened: OpenedDb): Search {
  const options = { codeLists: loadCodeLists(join(ROOT, 'resources')) };
  return {
    byNik: (nik) =>
      searchResidents(opened, { query: nik, limit: 50 }, options).items.some(
        (i) => i.matchedBy === 'nik',
      ),
    byNikDirect: (nik) => getResidentByNik(opened, nik, options) !== null,
    byName: (args) => searchResidents(opened, args, options).items,
  };
}
