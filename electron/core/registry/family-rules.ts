import type { RegistryFinding, SexCode } from '../../contract/registry';
import { MARITAL, SHDK, type MaritalStatus } from './code-lists';
import { parseIsoDay } from './nik';

/**
 * Family (KK) composition rules from domain §3.3 and §3.4, as pure functions. Errors block a
 * save; warnings let the officer continue (and the caller logs the override).
 */

export interface MemberFacts {
  /** SHDK code, 1–11. */
  shdk: number;
  sex: SexCode;
  marital: MaritalStatus;
  /** YYYY-MM-DD, or null when unknown. */
  birthDate: string | null;
}

export interface FamilyFinding extends RegistryFinding {
  /** Index of the member in the list given, or null for a finding about the whole family. */
  member: number | null;
}

/** Age in whole years on `today` (both YYYY-MM-DD); a 29 Feb birthday counts from 1 Mar. */
export function ageOn(birthDate: string, today: string): number | null {
  const birth = parseIsoDay(birthDate);
  const now = parseIsoDay(today);
  if (!birth || !now) return null;
  const hasHadBirthday = today.slice(5) >= birthDate.slice(5);
  return now.year - birth.year - (hasHadBirthday ? 0 : 1);
}

/** Age from which an unmarried person may head a family (UU 24/2013 Ps 63; Permendagri 108). */
export const HEAD_MIN_AGE = 17;

/** Relationships that exist only through a marriage: never for a BELUM KAWIN person (OpenSID). */
const NEEDS_MARRIAGE: readonly number[] = [SHDK.SUAMI, SHDK.ISTRI, SHDK.MENANTU, SHDK.MERTUA];

function finding(
  level: RegistryFinding['level'],
  code: string,
  id: string,
  en: string,
): RegistryFinding {
  return { level, code, message: { id, en } };
}

/**
 * Head of family: the split-KK rule (Permendagri 108/2019 Ps 10(4)) and KTP-el eligibility
 * (UU 24/2013 Ps 63) both say "aged 17 or married/ever-married". So KAWIN, CERAI HIDUP and
 * CERAI MATI may head a family at any age; BELUM KAWIN only from 17. OpenSID's filtered list
 * hides every unmarried person, which would wrongly block single adults who hold their own KK.
 * An unmarried head with no known birth date is a warning: the officer checks the KTP-el.
 */
function headFindings(member: MemberFacts, today: string): RegistryFinding[] {
  if (member.marital.status !== MARITAL.BELUM_KAWIN) return [];
  const age = member.birthDate === null ? null : ageOn(member.birthDate, today);
  if (age === null) {
    return [
      finding(
        'warning',
        'HEAD_AGE_UNKNOWN',
        'Kepala keluarga belum kawin dan tanggal lahirnya tidak diketahui. Pastikan ia sudah ' +
          'berumur 17 tahun (memiliki KTP-el).',
        'The head of family is unmarried and the birth date is unknown. Make sure they are 17 ' +
          'or older (hold a KTP-el).',
      ),
    ];
  }
  if (age >= HEAD_MIN_AGE) return [];
  return [
    finding(
      'error',
      'HEAD_TOO_YOUNG',
      `Kepala keluarga yang belum kawin harus berumur minimal 17 tahun; umurnya ${age} tahun.`,
      `An unmarried head of family must be at least 17 years old; this person is ${age}.`,
    ),
  ];
}

export function checkMember(member: MemberFacts, options: { today: string }): RegistryFinding[] {
  if (!Number.isInteger(member.shdk) || member.shdk < 1 || member.shdk > 11) {
    return [
      finding(
        'error',
        'SHDK_UNKNOWN',
        `Kode hubungan dalam keluarga ${member.shdk} tidak dikenal (1–11).`,
        `Relationship code ${member.shdk} is unknown (1–11).`,
      ),
    ];
  }
  const found: RegistryFinding[] = [];
  if (member.shdk === SHDK.KEPALA_KELUARGA) found.push(...headFindings(member, options.today));
  const isUnmarried = member.marital.status === MARITAL.BELUM_KAWIN;
  if (isUnmarried && NEEDS_MARRIAGE.includes(member.shdk)) {
    found.push(
      finding(
        'error',
        'SHDK_NEEDS_MARRIAGE',
        'Orang yang berstatus BELUM KAWIN tidak bisa menjadi SUAMI, ISTRI, MENANTU, atau MERTUA.',
        'A person who has never married cannot be husband, wife, son/daughter-in-law or parent-in-law.',
      ),
    );
  }
  // ❓ OpenSID also hides CUCU for unmarried people, but unmarried grandchildren living with
  // their grandparents are common, so this is only a prompt to check, never a block.
  if (isUnmarried && member.shdk === SHDK.CUCU) {
    found.push(
      finding(
        'warning',
        'SHDK_CUCU_UNMARRIED',
        'CUCU berstatus BELUM KAWIN: periksa kembali hubungan dalam keluarga.',
        'Grandchild recorded as never married: check the relationship.',
      ),
    );
  }
  // ❓ Not verified against SIAK: warn only, in case a rule for this exists there.
  const isSpouseSexOdd =
    (member.shdk === SHDK.SUAMI && member.sex !== 1) ||
    (member.shdk === SHDK.ISTRI && member.sex !== 2);
  if (isSpouseSexOdd) {
    found.push(
      finding(
        'warning',
        'SHDK_SPOUSE_SEX',
        'SUAMI biasanya LAKI-LAKI dan ISTRI PEREMPUAN: periksa jenis kelamin dan hubungan.',
        'A husband is normally male and a wife female: check sex and relationship.',
      ),
    );
  }
  return found;
}

/** Every member's findings, plus "exactly one KEPALA KELUARGA" for the family. */
export function checkFamily(
  members: readonly MemberFacts[],
  options: { today: string },
): FamilyFinding[] {
  const found: FamilyFinding[] = members.flatMap((m, index) =>
    checkMember(m, options).map((f) => ({ ...f, member: index })),
  );
  const heads = members.filter((m) => m.shdk === SHDK.KEPALA_KELUARGA).length;
  if (heads === 0) {
    found.push({
      ...finding(
        'error',
        'FAMILY_NO_HEAD',
        'Keluarga harus punya tepat satu KEPALA KELUARGA; belum ada.',
        'A family must have exactly one head of family; there is none.',
      ),
      member: null,
    });
  } else if (heads > 1) {
    found.push({
      ...finding(
        'error',
        'FAMILY_MANY_HEADS',
        `Keluarga harus punya tepat satu KEPALA KELUARGA; tercatat ${heads}.`,
        `A family must have exactly one head of family; ${heads} are recorded.`,
      ),
      member: null,
    });
  }
  return found;
}
