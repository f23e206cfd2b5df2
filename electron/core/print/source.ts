import type {
  CatalogueService,
  DocumentKind,
  FamilyCard,
  PrintSubject,
  ResidentDetail,
} from '../../contract';
import { getApplicationById } from '../../../db/queries/applications';
import type { PrintSubjectKey } from '../../../db/queries/print-log';
import {
  getRecordingHead,
  getRecordingImages,
  type RecordingHead,
} from '../../../db/queries/recordings';
import { residentById, residentRowByNik } from '../../../db/queries/residents-read';
import type { ApplicationRow } from '../../../db/schema';
import type { CoreDeps } from '../deps';
import { MARITAL } from '../registry/code-lists';
import { CARD_AGE } from '../recording/eligibility';
import { ageOn } from '../registry/family-rules';
import { familyCard, residentDetail } from '../registry/resident-view';
import { parseResidentRef } from '../registry/search';
import { kindsForService } from './kinds';
import { maskNik } from '../common/mask';
import { jakartaDay } from '../common/jakarta';

/**
 * What a print is filled from: the subject (an application, a family or a resident) resolved
 * against the registry, and which kinds it offers. Reads only; the handlers audit.
 */
export interface PrintSource {
  key: PrintSubjectKey;
  /** Application number, No. KK or a masked NIK: never a full NIK. */
  label: string;
  /** The person the print is about, for the audit's keyed hash; null for a family. */
  nik: string | null;
  kinds: DocumentKind[];
  today: string;
  /** The registry family: the KK subject, or the applicant's (or resident's) family. */
  family: FamilyCard | null;
  /** The resident subject, or the applicant when the registry has them. */
  resident: ResidentDetail | null;
  application: {
    row: ApplicationRow;
    fields: Record<string, string>;
    service: CatalogueService;
  } | null;
  /** The KTP-el recording subject, with why its card cannot be printed now (null: it can). */
  recording: {
    row: RecordingHead;
    blocked: PrintBlock | null;
    portraitJpeg: Uint8Array;
    signaturePng: Uint8Array;
  } | null;
}

/** Why a subject's document cannot be printed now: a reason the UI translates. */
export interface PrintBlock {
  reason: string;
  message: string;
}

export type SourceDeps = Pick<CoreDeps, 'db' | 'sqlite' | 'codeLists' | 'catalogue' | 'ports'>;

export function familyOf(
  deps: SourceDeps,
  kk: string | null | undefined,
  today: string,
): FamilyCard | null {
  if (!kk) return null;
  return familyCard(deps.sqlite, kk, { codeLists: deps.codeLists, today })?.card ?? null;
}

export function residentOf(
  deps: SourceDeps,
  nik: string | null | undefined,
  today: string,
): ResidentDetail | null {
  const row = nik ? residentRowByNik(deps.sqlite, nik) : undefined;
  if (!row) return null;
  return residentDetail(deps.sqlite, row, {
    codeLists: deps.codeLists,
    today,
    mayReadProtected: false,
  });
}

/** KIA only for a child: under 17 and never married (domain §3.4). */
export function isKiaChild(resident: ResidentDetail): boolean {
  return (
    resident.age < 17 && resident.maritalStatus.code === MARITAL.BELUM_KAWIN && resident.isAlive
  );
}

export async function resolveSubject(
  deps: SourceDeps,
  subject: PrintSubject,
): Promise<PrintSource | null> {
  const today = jakartaDay(deps.ports.clock.now());
  if ('kkNumber' in subject) {
    const family = familyOf(deps, subject.kkNumber, today);
    if (!family) return null;
    return {
      key: { type: 'kk', key: subject.kkNumber },
      label: subject.kkNumber,
      nik: null,
      kinds: ['kk', 'f-1.01'],
      today,
      family,
      resident: null,
      application: null,
      recording: null,
    };
  }
  if ('recordingId' in subject) return recordingSource(deps, subject.recordingId, today);
  if ('residentRef' in subject) {
    const row = residentById(deps.sqlite, parseResidentRef(subject.residentRef) ?? 0);
    if (!row) return null;
    const resident = residentDetail(deps.sqlite, row, {
      codeLists: deps.codeLists,
      today,
      mayReadProtected: false,
    });
    return {
      key: { type: 'resident', key: subject.residentRef },
      label: `NIK ${maskNik(row.nik)}`,
      nik: row.nik,
      kinds: isKiaChild(resident) ? ['biodata', 'kia'] : ['biodata'],
      today,
      family: familyOf(deps, row.kk_number, today),
      resident,
      application: null,
      recording: null,
    };
  }
  const row = await getApplicationById(deps.db, subject.applicationId);
  const service = row ? serviceOf(deps, row.service_code) : null;
  if (!row || !service) return null;
  const fields = JSON.parse(row.fields) as Record<string, string>;
  const resident = residentOf(deps, row.applicant_nik, today);
  return {
    key: { type: 'application', key: row.id },
    label: row.number,
    nik: row.applicant_nik,
    kinds: kindsForService(row.service_code),
    today,
    family: familyOf(deps, row.applicant_kk ?? resident?.kkNumber, today),
    resident,
    application: { row, fields, service },
    recording: null,
  };
}

/**
 * A recording prints its KTP-el card from PRR (the first card) or dicetak (a reprint), with a
 * NIK, and for a pemula only from the 17th birthday (domain §5.3). The person's data comes from
 * the registry, or for a new person from the biodata application.
 */
async function recordingSource(
  deps: SourceDeps,
  id: string,
  today: string,
): Promise<PrintSource | null> {
  const row = await getRecordingHead(deps.db, id);
  const images = row ? await getRecordingImages(deps.db, id) : null;
  if (!row || !images) return null;
  const app = row.application_id ? await getApplicationById(deps.db, row.application_id) : null;
  const service = app ? serviceOf(deps, app.service_code) : null;
  const resident = residentOf(deps, row.resident_nik, today);
  const blocked = ktpElBlock(row, resident, today);
  return {
    key: { type: 'recording', key: row.id },
    label: row.resident_nik ? `NIK ${maskNik(row.resident_nik)}` : (app?.number ?? row.id),
    nik: row.resident_nik,
    kinds: blocked ? [] : ['ktp-el'],
    today,
    family: familyOf(deps, resident?.kkNumber, today),
    resident,
    application:
      app && service
        ? { row: app, fields: JSON.parse(app.fields) as Record<string, string>, service }
        : null,
    recording: {
      row,
      blocked,
      portraitJpeg: images.portrait,
      signaturePng: images.signature,
    },
  };
}

function ktpElBlock(
  row: RecordingHead,
  resident: ResidentDetail | null,
  today: string,
): PrintBlock | null {
  if (row.status !== 'prr' && row.status !== 'dicetak')
    return { reason: 'NOT_PRR', message: `Only a PRR recording is printed (${row.status})` };
  if (!row.resident_nik)
    return { reason: 'NO_NIK_YET', message: 'The district has not given this person a NIK yet' };
  const marital = resident?.maritalStatus.code ?? MARITAL.BELUM_KAWIN;
  const isMarried = marital !== MARITAL.BELUM_KAWIN;
  if (!isMarried && (ageOn(row.birth_date, today) ?? 0) < CARD_AGE)
    return { reason: 'UNDER_17', message: `A pemula's card is printed from age ${CARD_AGE}` };
  return null;
}

function serviceOf(deps: SourceDeps, code: string): CatalogueService | null {
  for (const group of deps.catalogue.groups) {
    const found = group.services.find((s) => s.code === code);
    if (found) return found;
  }
  return null;
}
