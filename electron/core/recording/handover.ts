import { z } from 'zod';
import { fail, failWith, ok, type RecordingHandoverArgs, type Result } from '../../contract';
import { activeBindingByUid, bindCard } from '../../../db/queries/card-bindings';
import { getRecordingHead } from '../../../db/queries/recordings';
import { residentRowByNik } from '../../../db/queries/residents-read';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { isRandomUid, normalizeUid } from '../registry/card';
import { moveRecording } from './lifecycle';
import { officerName, type Officer } from '../common/officer';

export const RECIPIENT_NAME = { min: 3, max: 100 } as const;

export const handoverArgs = z.strictObject({
  id: z.string().min(1).max(64),
  recipientName: z.string().max(1000),
  recipientRelation: z.enum(['sendiri', 'keluarga', 'kuasa']),
  cardUid: z.string().max(64),
});

/**
 * recording-handover: a printed card (dicetak) goes to its holder, a family member or a proxy.
 * The card's chip UID is bound to the resident exactly as registry-card-bind binds it (the
 * resident's older card is released; a UID bound to someone else is refused), in the same
 * transaction as the move to diserahkan.
 */
export async function handOver(
  deps: CoreDeps,
  officer: Officer,
  args: RecordingHandoverArgs,
): Promise<Result<null>> {
  const recipientName = args.recipientName.trim();
  if (recipientName.length < RECIPIENT_NAME.min || recipientName.length > RECIPIENT_NAME.max)
    return failWith(
      'INVALID_ARGS',
      'BAD_RECIPIENT_NAME',
      `The recipient's name is ${RECIPIENT_NAME.min} to ${RECIPIENT_NAME.max} characters`,
      ['recipientName'],
    );
  const uid = normalizeUid(args.cardUid);
  if (uid === null)
    return failWith('INVALID_ARGS', 'INVALID_UID', 'Not a 4, 7 or 10 byte UID in hex', ['cardUid']);
  if (isRandomUid(uid))
    return failWith('INVALID_ARGS', 'RANDOM_UID', 'A random UID changes at every tap', ['cardUid']);
  return deps.db.transaction().execute(async (trx) => {
    const row = await getRecordingHead(trx, args.id);
    if (!row) return fail('NOT_FOUND', `No recording ${args.id}`);
    if (row.status !== 'dicetak')
      return failWith(
        'CONFLICT',
        'NOT_PRINTED',
        `Only a printed card is handed over (${row.status})`,
      );
    const nik = row.resident_nik;
    if (!nik)
      return failWith('CONFLICT', 'NO_NIK_YET', 'The district has not given this person a NIK yet');
    if (!residentRowByNik(deps.sqlite, nik))
      return fail('NOT_FOUND', 'The resident is no longer in the registry of this station');
    const existing = await activeBindingByUid(trx, uid);
    if (existing && existing.resident_nik !== nik)
      return failWith('CONFLICT', 'CARD_BOUND_ELSEWHERE', 'Bound to another resident', ['cardUid']);
    const at = deps.ports.clock.now().toISOString();
    const by = officerName(officer);
    if (!existing) {
      const binding = { uid, resident_nik: nik, bound_at: at, bound_by: officer.userName };
      const releasedUids = await bindCard(trx, binding);
      await recordAudit(deps, trx, officer, 'registry.card-bound', { uid, releasedUids }, nik);
    }
    await moveRecording(deps, trx, row, {
      to: 'diserahkan',
      source: 'station',
      at,
      officer,
      actorName: by,
      note: null,
      action: 'recording.handed-over',
      detail: { cardUid: uid, recipientName, recipientRelation: args.recipientRelation },
      set: {
        card_uid: uid,
        recipient_name: recipientName,
        recipient_relation: args.recipientRelation,
        handed_at: at,
        handed_by: by,
      },
    });
    return ok(null);
  });
}
