import type { Kysely } from 'kysely';
import type {
  ApplicationDetail,
  ApplicationHead,
  CatalogueService,
  ClaimInfo,
  DeskField,
  DeskRequirement,
  LocalText,
} from '../../contract';
import { listStatusHistory } from '../../../db/queries/applications';
import { residentByNik } from '../../../db/queries/residents-read';
import {
  getClaim,
  lastStatusEntry,
  listChecks,
  listPhotoRefs,
  type PhotoRefRow,
} from '../../../db/queries/desk';
import type {
  ApplicationCheckRow,
  ApplicationClaimRow,
  ApplicationRow,
  Database,
} from '../../../db/schema';
import { currentNote, statusLabel } from '../applications/status';
import { findService } from '../applications/submit';
import type { CoreDeps } from '../deps';
import { displayValue } from './format';
import { residentChanges } from './resident-changes';
import { allowedActions, AWAITING, officerKey, requesterKey } from './rules';
import type { Officer } from '../common/officer';

/** A service the catalogue no longer has still shows, by its code. */
export function serviceOf(deps: CoreDeps, code: string): CatalogueService | null {
  return findService(deps, code);
}

export function serviceTitle(deps: CoreDeps, code: string): LocalText {
  return findService(deps, code)?.title ?? { id: code, en: code };
}

export function applicationHead(
  deps: CoreDeps,
  row: Pick<ApplicationRow, 'id' | 'number' | 'service_code' | 'status' | 'channel'>,
): ApplicationHead {
  return {
    id: row.id,
    number: row.number,
    serviceCode: row.service_code,
    service: serviceTitle(deps, row.service_code),
    status: row.status,
    statusLabel: statusLabel(row.status),
    channel: row.channel,
  };
}

export function claimInfo(claim: ApplicationClaimRow | null, officer: Officer): ClaimInfo | null {
  if (!claim) return null;
  return {
    userId: claim.user_id,
    userName: claim.user_name,
    at: claim.claimed_at,
    isMine: claim.user_id === officerKey(officer),
  };
}

export function parseFields(row: ApplicationRow): Record<string, string> {
  return JSON.parse(row.fields) as Record<string, string>;
}

/** The officer key of whoever asked for the approval now awaited; null when none is awaited. */
export async function approvalRequester(
  db: Kysely<Database>,
  row: ApplicationRow,
): Promise<string | null> {
  if (row.status !== AWAITING) return null;
  const entry = await lastStatusEntry(db, row.id, AWAITING);
  return entry ? requesterKey(entry) : null;
}

/** The whole application as the desk shows it to this officer. Reads only. */
export async function applicationDetail(
  deps: CoreDeps,
  row: ApplicationRow,
  officer: Officer,
): Promise<ApplicationDetail> {
  const [claim, checks, photos, history, requester] = await Promise.all([
    getClaim(deps.db, row.id),
    listChecks(deps.db, row.id),
    listPhotoRefs(deps.db, row.id),
    listStatusHistory(deps.db, row.id),
    approvalRequester(deps.db, row),
  ]);
  const service = serviceOf(deps, row.service_code);
  const fields = parseFields(row);
  return {
    ...applicationHead(deps, row),
    createdAt: row.created_at,
    applicant: {
      nik: row.applicant_nik,
      kkNumber: row.applicant_kk,
      name: row.applicant_name ?? registryName(deps, row.applicant_nik),
    },
    fields: service ? deskFields(deps, service, fields) : [],
    requirements: service ? deskRequirements(service, photos, checks) : [],
    claim: claimInfo(claim, officer),
    timeline: history.map((h) => ({
      status: h.status,
      label: statusLabel(h.status),
      at: h.at,
      actor: h.actor,
      note: h.note,
    })),
    changesResident: service?.changesResident ?? false,
    residentChanges: service ? residentChanges(deps, service, fields) : [],
    allowedActions: allowedActions({ status: row.status, claim, requester }, officer),
    statusNote: currentNote(row.status, history),
  };
}

function deskFields(
  deps: CoreDeps,
  service: CatalogueService,
  values: Record<string, string>,
): DeskField[] {
  return service.fields.flatMap((f) => {
    const value = values[f.code];
    if (value === undefined) return [];
    return [{ code: f.code, label: f.label, value, display: displayValue(deps, f, value) }];
  });
}

/**
 * One line per requirement of the service, then each alternative the service does not list
 * itself (an SPTJM that may replace a document), marked optional with what it replaces.
 */
function deskRequirements(
  service: CatalogueService,
  photos: PhotoRefRow[],
  checks: ApplicationCheckRow[],
): DeskRequirement[] {
  const line = (
    code: string,
    label: LocalText,
    rest: Pick<DeskRequirement, 'need' | 'condition' | 'kind'>,
  ): DeskRequirement => {
    const check = checks.find((c) => c.requirement_code === code);
    return {
      code,
      label,
      ...rest,
      photos: photos
        .filter((p) => p.requirement_code === code)
        .map((p) => ({
          sha256: p.sha256,
          width: p.width,
          height: p.height,
          bytes: p.size,
          takenAt: p.taken_at,
        })),
      check: check
        ? { state: check.state, note: check.note, byName: check.user_name, at: check.at }
        : null,
    };
  };
  const lines = service.requirements.map((r) =>
    line(r.code, r.label, { need: r.need, condition: r.condition, kind: r.kind }),
  );
  const listed = new Set(service.requirements.map((r) => r.code));
  for (const r of service.requirements) {
    for (const alt of r.alternatives) {
      if (listed.has(alt.code)) continue;
      listed.add(alt.code);
      const condition = { id: `Pengganti: ${r.label.id}`, en: `Instead of: ${r.label.en}` };
      lines.push(line(alt.code, alt.label, { need: 'optional', condition, kind: 'form' }));
    }
  }
  return lines;
}

/** The registry's name for an applicant the wizard did not ask the name of. */
function registryName(deps: CoreDeps, nik: string | null): string | null {
  return nik === null ? null : (residentByNik(deps.sqlite, nik)?.name ?? null);
}
