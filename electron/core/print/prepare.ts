import {
  failWith,
  fail,
  ok,
  type DocumentKind,
  type PrintSubject,
  type Result,
} from '../../contract';
import type { CoreDeps } from '../deps';
import { renderKind } from './fill';
import { KINDS } from './kinds';
import { resolveSubject, type PrintSource } from './source';
import type { IssuedMark, Rendered } from './templates/frame';

export interface Prepared {
  source: PrintSource;
  rendered: Rendered;
  isDraft: boolean;
}

/**
 * The district's issued mark for this document. Issued documents arrive with the district sync
 * (issue 7), which has no table yet: until it lands every document prints as a draft.
 */
export function issuedMark(_source: PrintSource, _kind: DocumentKind): IssuedMark | null {
  return null;
}

/** Resolves the subject and renders one kind: NOT_FOUND, or NOT_PRINTABLE for this subject. */
export async function prepare(
  deps: CoreDeps,
  kind: DocumentKind,
  subject: PrintSubject,
): Promise<Result<Prepared>> {
  const source = await resolveSubject(deps, subject);
  if (!source) return fail('NOT_FOUND', 'No such application, family or resident on this station');
  if (!source.kinds.includes(kind))
    return failWith('INVALID_ARGS', 'NOT_PRINTABLE', `${kind} is not printed for this subject`, [
      'kind',
    ]);
  const issued = KINDS[kind].paper === 'form' ? null : issuedMark(source, kind);
  const rendered = renderKind(deps, source, kind, issued);
  return ok({ source, rendered, isDraft: KINDS[kind].paper !== 'form' && issued === null });
}
