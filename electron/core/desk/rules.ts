import {
  failWith,
  ok,
  roleAtLeast,
  type CatalogueService,
  type CheckState,
  type DeskAction,
  type Result,
} from '../../contract';
import type { ApplicationClaimRow } from '../../../db/schema';
import { officerName, type Officer } from '../common/officer';

/**
 * The desk's state machine and who may do what (docs/desk-verification.md). Pure functions: the
 * handlers call them inside their transaction, allowedActions calls them for the screen.
 */

/** Waiting for a supervisor to confirm an operator's approval (four-eyes rule). */
export const AWAITING = 'perlu-persetujuan';
/** Statuses in which the desk checks and decides. */
export const DECISION_OPEN: ReadonlySet<string> = new Set(['diajukan', 'berkas-kurang']);

/** Claims are per account; a training switch session has none, so its display name stands in. */
export function officerKey(officer: Officer): string {
  return officer.userId ?? `session:${officerName(officer)}`;
}

export function isSupervisor(officer: Officer): boolean {
  return roleAtLeast(officer.role, 'supervisor');
}

/** Who asked for an approval, as an officer key: the account, else the name (training). */
export function requesterKey(entry: { actor_user_id: string | null; actor: string }): string {
  return entry.actor_user_id ?? `session:${entry.actor}`;
}

export function canClaimStatus(status: string, officer: Officer): boolean {
  return DECISION_OPEN.has(status) || (status === AWAITING && isSupervisor(officer));
}

type Failure = { ok: false; error: { code: 'CONFLICT'; message: string; reason: string } };

export function closed(status: string): Failure {
  const message =
    status === AWAITING
      ? "The application waits for a supervisor's approval"
      : `The application is ${status}; nothing more is decided at the desk`;
  return failWith('CONFLICT', 'APPLICATION_CLOSED', message) as Failure;
}

/** The message names the holder: the screen shows who to ask. */
export function claimedByOther(claim: ApplicationClaimRow): Failure {
  return failWith(
    'CONFLICT',
    'CLAIMED_BY_OTHER',
    `Claimed by ${claim.user_name} since ${claim.claimed_at}`,
  ) as Failure;
}

/** Checks and decisions: only by the officer holding the claim. */
export function mustHold(claim: ApplicationClaimRow | null, officer: Officer): Result<null> {
  if (!claim) return failWith('CONFLICT', 'NOT_CLAIMED', 'Claim the application first');
  if (claim.user_id !== officerKey(officer)) return claimedByOther(claim);
  return ok(null);
}

/** A reason or note, trimmed: REASON_REQUIRED when shorter than `min`, TOO_LONG past `max`. */
export function textOf(
  value: string | undefined,
  limits: { min: number; max: number; field: string },
): Result<string> {
  const text = (value ?? '').trim();
  if (text.length < limits.min)
    return failWith(
      'INVALID_ARGS',
      'REASON_REQUIRED',
      `A ${limits.field} of at least ${limits.min} characters is required`,
      [limits.field],
    );
  if (text.length > limits.max)
    return failWith('INVALID_ARGS', 'TOO_LONG', `At most ${limits.max} characters`, [limits.field]);
  return ok(text);
}

/** Every requirement code of a service line and the alternatives that may replace it. */
export function requirementCodes(service: CatalogueService): Set<string> {
  return new Set(
    service.requirements.flatMap((r) => [r.code, ...r.alternatives.map((a) => a.code)]),
  );
}

/**
 * What stops an approval: required lines not checked 'ok' (themselves or through an alternative)
 * and any line checked 'bad'. Conditional and optional lines are the officer's judgement.
 */
export function unmetRequirements(
  service: CatalogueService,
  checks: ReadonlyMap<string, CheckState>,
): string[] {
  const unmet = new Set<string>();
  for (const r of service.requirements) {
    const codes = [r.code, ...r.alternatives.map((a) => a.code)];
    if (r.need === 'required' && !codes.some((c) => checks.get(c) === 'ok')) unmet.add(r.code);
  }
  for (const [code, state] of checks) if (state === 'bad') unmet.add(code);
  return [...unmet];
}

export interface ActionState {
  status: string;
  claim: ApplicationClaimRow | null;
  /** Officer key of whoever asked for the approval now awaited; null otherwise. */
  requester: string | null;
}

/** What the officer may do now; the handlers check the same rules again on every call. */
export function allowedActions(state: ActionState, officer: Officer): DeskAction[] {
  const me = officerKey(officer);
  const isMine = state.claim?.user_id === me;
  const actions: DeskAction[] = [];
  if (!state.claim && canClaimStatus(state.status, officer)) actions.push('claim');
  if (state.claim && (isMine || isSupervisor(officer))) actions.push('release');
  if (isMine && DECISION_OPEN.has(state.status))
    actions.push('check', 'approve', 'return', 'reject');
  const isFree = !state.claim || isMine;
  if (state.status === AWAITING && isSupervisor(officer) && isFree && state.requester !== me)
    actions.push('confirm', 'refuse');
  return actions;
}
