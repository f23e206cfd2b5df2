import { z } from 'zod';
import { endClaim, putLineMark, updateOfficeDecision } from '../../../db/queries/office-decisions';
import type { DecisionHandlers } from '../../contract/office/decision';
import { queueApplicationStatus } from '../decisions';
import { issueHandlers } from './decision-issue';
import { NOTE, decide, finish, mustBeOpen, requiredNote } from './decision-rules';
import { decisionState, requirementCodes } from './decision-state';
import { OfficeError, type OfficeHandlerMap } from './handler';
import { ISSUED_KINDS } from './numbering';

/**
 * Back-office handlers of the decision area (issue 15 item 5; docs/decisions.md, "Back-office
 * decisions"). A verifikator marks the requirement lines and proposes issue, return or reject; a
 * penandatangan issues (never their own proposal: four eyes, decision-issue.ts) or rejects;
 * either returns the application to the station's desk. Every change needs the caller's claim
 * (queue area) and follows decision-rules.ts.
 */

const CHECKERS = ['verifikator', 'penandatangan'] as const;
const applicationId = z.string().min(1).max(100);
/** Longer than NOTE.max on purpose: requiredNote answers NOTE_REQUIRED, not BAD_INPUT. */
const note = z.string().max(NOTE.max + 100);
const kind = z.enum(ISSUED_KINDS);

const lineInput = z.strictObject({
  requirementCode: z.string().min(1).max(80),
  state: z.enum(['sesuai', 'kurang', 'tidak-sesuai']),
  note: note.optional(),
});

export const decisionHandlers: OfficeHandlerMap<keyof DecisionHandlers> = {
  'decision-get': {
    // As queue-get: the admin may look, not decide.
    roles: [...CHECKERS, 'admin'],
    input: z.strictObject({ applicationId }),
    readOnly: true,
    run: (call, input) => decisionState(call.hub.db, input.applicationId),
  },
  'decision-lines': {
    roles: CHECKERS,
    input: z.strictObject({ applicationId, lines: z.array(lineInput).min(1).max(100) }),
    run: (call, input) =>
      decide(call, input.applicationId, async (trx, row) => {
        mustBeOpen(row);
        const known = await requirementCodes(trx, row.application_id);
        const marks = input.lines.map((line) => {
          if (!known.has(line.requirementCode))
            throw new OfficeError(400, 'UNKNOWN_REQUIREMENT', `no line ${line.requirementCode}`);
          const text =
            line.state === 'sesuai' ? line.note?.trim() || null : requiredNote(line.note, 'note');
          return { code: line.requirementCode, state: line.state, note: text };
        });
        for (const mark of marks)
          await putLineMark(trx, {
            application_id: row.application_id,
            requirement_code: mark.code,
            state: mark.state,
            note: mark.note,
            marked_by: call.user.id,
            marked_by_name: call.user.displayName,
            marked_at: call.at,
          });
        await call.audit(
          'decision.lines-marked',
          { applicationId: row.application_id, marks },
          trx,
        );
      }),
  },
  'decision-propose': {
    roles: ['verifikator'],
    input: z.strictObject({
      applicationId,
      proposal: z.enum(['issue', 'return', 'reject']),
      kind: kind.optional(),
      note: note.optional(),
    }),
    run: (call, input) =>
      decide(call, input.applicationId, async (trx, row) => {
        mustBeOpen(row);
        const isIssue = input.proposal === 'issue';
        const text = isIssue ? input.note?.trim() || null : requiredNote(input.note, 'note');
        if (text && text.length > NOTE.max)
          throw new OfficeError(400, 'NOTE_REQUIRED', `a note of at most ${NOTE.max} characters`);
        if (isIssue && !input.kind)
          throw new OfficeError(400, 'KIND_REQUIRED', 'an issue needs its document kind');
        if (isIssue) {
          const open = (await decisionState(trx, row.application_id)).lines.filter(
            (l) => l.mark && l.mark.state !== 'sesuai',
          );
          if (open.length > 0)
            throw new OfficeError(
              409,
              'LINES_OPEN',
              `lines not sesuai: ${open.map((l) => l.code).join(', ')}`,
            );
        }
        // The claim ends: the proposal waits for a penandatangan (or the verifikator again).
        await endClaim(trx, row.application_id);
        await updateOfficeDecision(trx, row.application_id, {
          office_status: 'diusulkan',
          proposal: input.proposal,
          proposal_kind: isIssue ? (input.kind ?? null) : null,
          proposal_note: text,
          proposed_by: call.user.id,
          proposed_by_name: call.user.displayName,
          proposed_at: call.at,
          updated_at: call.at,
        });
        await call.audit(
          'decision.proposed',
          {
            applicationId: row.application_id,
            proposal: input.proposal,
            kind: isIssue ? (input.kind ?? null) : null,
            note: text,
          },
          trx,
        );
      }),
  },
  'decision-reject': {
    roles: ['penandatangan'],
    input: z.strictObject({ applicationId, reason: note }),
    run: (call, input) => {
      const reason = requiredNote(input.reason, 'reason');
      return decide(call, input.applicationId, async (trx, row) => {
        mustBeOpen(row);
        await queueApplicationStatus(
          trx,
          row.application_id,
          { status: 'ditolak', reason, by: call.user.displayName },
          call.at,
        );
        await finish(trx, row, { office_status: 'ditolak', decision_reason: reason }, call);
        await call.audit('decision.rejected', { applicationId: row.application_id, reason }, trx);
      });
    },
  },
  'decision-return': {
    roles: CHECKERS,
    input: z.strictObject({ applicationId, note }),
    run: (call, input) => {
      const text = requiredNote(input.note, 'note');
      return decide(call, input.applicationId, async (trx, row) => {
        mustBeOpen(row);
        await queueApplicationStatus(
          trx,
          row.application_id,
          { status: 'dikembalikan', reason: text, by: call.user.displayName },
          call.at,
        );
        await finish(trx, row, { office_status: 'dikembalikan', decision_reason: text }, call);
        await call.audit(
          'decision.returned',
          { applicationId: row.application_id, note: text },
          trx,
        );
      });
    },
  },
  ...issueHandlers,
};
