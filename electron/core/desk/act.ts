import type { Kysely } from 'kysely';
import { fail, ok, type ApplicationDetail, type Result } from '../../contract';
import { getApplicationById } from '../../../db/queries/applications';
import type { ApplicationRow, Database } from '../../../db/schema';
import type { CoreDeps } from '../deps';
import { applicationDetail } from './detail';
import type { Officer } from '../common/officer';

/**
 * Runs one desk action in ONE transaction: the application is read inside it, so two officers
 * acting at the same moment see each other's claim. A failure returned by `act` is returned
 * before it writes anything; the answer is the application as it is afterwards.
 */
export async function act(
  deps: CoreDeps,
  id: string,
  officer: Officer,
  action: (trx: Kysely<Database>, row: ApplicationRow) => Promise<Result<unknown>>,
): Promise<Result<ApplicationDetail>> {
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const row = await getApplicationById(trx, id);
    if (!row) return fail('NOT_FOUND', `No application ${id}`);
    return action(trx, row);
  });
  if (!outcome.ok) return outcome;
  const row = await getApplicationById(deps.db, id);
  if (!row) throw new Error(`Application ${id} vanished`);
  return ok(await applicationDetail(deps, row, officer));
}
