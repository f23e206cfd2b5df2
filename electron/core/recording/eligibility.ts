import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  fail,
  failWith,
  ok,
  type BackgroundColour,
  type Eligibility,
  type EligibilityProblem,
  type RecordingSubject,
  type Result,
} from '../../contract';
import { getApplicationById } from '../../../db/queries/applications';
import { countingRecordingOf } from '../../../db/queries/recordings';
import { residentById } from '../../../db/queries/residents-read';
import type { Database } from '../../../db/schema';
import type { CoreDeps } from '../deps';
import { MARITAL } from '../registry/code-lists';
import { ageOn } from '../registry/family-rules';
import { parseIsoDay } from '../registry/nik';
import { parseResidentRef } from '../registry/search';
import { maskNik } from '../common/mask';
import { jakartaDay } from '../common/jakarta';

/**
 * Who may be recorded (domain §5.3): 17 or older, or married / ever married; 16 is recorded as a
 * "pemula" whose card is printed at 17; foreigners only with a KITAP; never the dead, and never a
 * second time while a recording that counts exists (a 'duplicate' one does not).
 */

/** The application service that registers a new person (first biodata and NIK). */
export const NEW_PERSON_SERVICE = 'biodata-baru';
export const PEMULA_AGE = 16;
export const CARD_AGE = 17;

export const recordingSubject = z.union([
  z.strictObject({
    residentRef: z.string().refine((r) => parseResidentRef(r) !== null, 'a resident ref'),
  }),
  z.strictObject({ applicationId: z.string().min(1).max(64) }),
]);

/** The facts the rules need, from the registry or from the application's answers. */
export interface RecordingPerson {
  subject: RecordingSubject;
  nik: string | null;
  applicationId: string | null;
  name: string;
  birthDate: string;
  citizenship: 'WNI' | 'WNA';
  maritalStatus: number;
  isAlive: boolean;
  kitapNo: string | null;
}

export const isMarriedStatus = (status: number): boolean =>
  status === MARITAL.KAWIN || status === MARITAL.CERAI_HIDUP || status === MARITAL.CERAI_MATI;

/** Domain §5.2: orange for foreigners, else red for an odd birth year and blue for an even one. */
export function expectedBackground(
  person: Pick<RecordingPerson, 'birthDate' | 'citizenship'>,
): BackgroundColour {
  if (person.citizenship === 'WNA') return 'orange';
  return Number(person.birthDate.slice(0, 4)) % 2 === 1 ? 'red' : 'blue';
}

/** `db` may be a transaction: inside one, the station's single connection is the transaction's. */
export async function resolvePerson(
  deps: Pick<CoreDeps, 'sqlite'>,
  db: Kysely<Database>,
  subject: RecordingSubject,
): Promise<Result<RecordingPerson>> {
  if ('residentRef' in subject) {
    const row = residentById(deps.sqlite, parseResidentRef(subject.residentRef) ?? 0);
    if (!row) return fail('NOT_FOUND', 'No such resident on this station');
    return ok({
      subject,
      nik: row.nik,
      applicationId: null,
      name: row.name,
      birthDate: row.birth_date,
      citizenship: row.citizenship,
      maritalStatus: row.marital_status,
      isAlive: row.is_alive === 1,
      kitapNo: row.kitap_no?.trim() || null,
    });
  }
  const app = await getApplicationById(db, subject.applicationId);
  if (!app) return fail('NOT_FOUND', 'No such application on this station');
  if (app.service_code !== NEW_PERSON_SERVICE)
    return failWith(
      'INVALID_ARGS',
      'NOT_A_NEW_PERSON',
      `Only a ${NEW_PERSON_SERVICE} application brings a new person; record residents from the registry`,
      ['subject.applicationId'],
    );
  if (app.status === 'ditolak')
    return failWith('CONFLICT', 'APPLICATION_REJECTED', 'The application was refused');
  const fields = JSON.parse(app.fields) as Record<string, string | undefined>;
  const name = fields['pemohon-nama']?.trim() ?? '';
  const birthDate = fields['tanggal-lahir']?.trim() ?? '';
  const citizenship = fields['kewarganegaraan'];
  if (!name || !parseIsoDay(birthDate) || (citizenship !== 'WNI' && citizenship !== 'WNA'))
    return failWith(
      'CONFLICT',
      'APPLICATION_INCOMPLETE',
      'The application lacks a name, a birth date or the citizenship',
    );
  return ok({
    subject,
    nik: null,
    applicationId: app.id,
    name,
    birthDate,
    citizenship,
    maritalStatus: Number(fields['status-perkawinan'] ?? MARITAL.BELUM_KAWIN),
    isAlive: true,
    // The biodata-baru form asks for no KITAP: a foreigner is refused until the district has one.
    kitapNo: null,
  });
}

/** The rules, pure: `existing` is the recording that counts, if any. */
export function judge(
  person: RecordingPerson,
  today: string,
  existing: { id: string } | null,
): Eligibility {
  const age = ageOn(person.birthDate, today) ?? -1;
  const isMarried = isMarriedStatus(person.maritalStatus);
  const problems: EligibilityProblem[] = [];
  if (age < PEMULA_AGE && !isMarried) problems.push('TOO_YOUNG');
  if (!person.isAlive) problems.push('DECEASED');
  if (person.citizenship === 'WNA' && !person.kitapNo) problems.push('WNA_WITHOUT_KITAP');
  if (existing) problems.push('ALREADY_RECORDED');
  return {
    subject: person.subject,
    name: person.name,
    nikMasked: person.nik ? maskNik(person.nik) : '-',
    birthDate: person.birthDate,
    age,
    isMarried,
    citizenship: person.citizenship,
    isEligible: problems.length === 0,
    isPemula: age === PEMULA_AGE && !isMarried,
    problems,
    background: expectedBackground(person),
    existingRecordingId: existing?.id ?? null,
  };
}

/** Resolves the subject and judges it on today's Jakarta date; `db` may be a transaction. */
export async function eligibilityOf(
  deps: Pick<CoreDeps, 'sqlite' | 'ports'>,
  db: Kysely<Database>,
  subject: RecordingSubject,
): Promise<Result<{ person: RecordingPerson; eligibility: Eligibility }>> {
  const person = await resolvePerson(deps, db, subject);
  if (!person.ok) return person;
  const p = person.value;
  const existing = await countingRecordingOf(
    db,
    p.nik ? { nik: p.nik } : { applicationId: p.applicationId ?? '' },
  );
  const today = jakartaDay(deps.ports.clock.now());
  return ok({ person: p, eligibility: judge(p, today, existing) });
}
