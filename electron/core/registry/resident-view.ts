import type SQLite from 'better-sqlite3-multiple-ciphers';
import type {
  FamilyAddress,
  FamilyCard,
  FamilyMember,
  Labelled,
  RegistryFinding,
  ResidentDetail,
} from '../../contract/registry';
import {
  familyByKk,
  hasRegionTable,
  membersOfKk,
  membershipHistory,
  regionName,
} from '../../../db/queries/residents-read';
import type { FamilyRow, ResidentRow } from '../../../db/schema';
import { MARITAL, type CodeListName, type CodeLists, type MaritalStatus } from './code-lists';
import { ageOn, checkFamily } from './family-rules';
import { validateNik } from './nik';
import { residentRef } from './search';

/**
 * Rows → the detail and family-card DTOs (full numbers: these screens are audited reads). Labels
 * as printed come from the code lists; protected data (disability) only when the caller may see it.
 */
export interface ViewOptions {
  codeLists: CodeLists;
  /** Station's calendar day (Asia/Jakarta), YYYY-MM-DD. */
  today: string;
}

function labelled(codeLists: CodeLists, list: CodeListName, code: number): Labelled {
  return { code, label: codeLists.label(list, code) ?? String(code) };
}

function marital(row: ResidentRow): MaritalStatus {
  const status = row.marital_status;
  if (status === MARITAL.BELUM_KAWIN || status === MARITAL.CERAI_MATI) {
    return { status, isRecorded: null };
  }
  return { status, isRecorded: row.marital_recorded === 1 };
}

export function familyAddress(sqlite: SQLite.Database, family: FamilyRow): FamilyAddress {
  const code = family.village_code;
  return {
    address: family.address,
    rt: family.rt,
    rw: family.rw,
    dusun: family.dusun,
    villageCode: code,
    villageName: regionName(sqlite, code),
    districtName: regionName(sqlite, code.slice(0, 6)),
    regencyName: regionName(sqlite, code.slice(0, 4)),
    provinceName: regionName(sqlite, code.slice(0, 2)),
    postalCode: family.postal_code,
  };
}

function nikWarnings(sqlite: SQLite.Database, row: ResidentRow, today: string): RegistryFinding[] {
  // Without a region table every kecamatan would look unknown: then that check is skipped.
  const regionExists = hasRegionTable(sqlite)
    ? (code: string) => regionName(sqlite, code) !== null
    : undefined;
  const result = validateNik(row.nik, {
    regionExists,
    birthDate: row.birth_date,
    sex: row.sex,
    today,
  });
  return [...result.errors, ...result.warnings];
}

export function residentDetail(
  sqlite: SQLite.Database,
  row: ResidentRow,
  options: ViewOptions & { mayReadProtected: boolean },
): ResidentDetail {
  const { codeLists, today } = options;
  const family = familyByKk(sqlite, row.kk_number);
  if (!family) throw new Error(`Resident ${row.id} has no family row`);
  return {
    ref: residentRef(row.id),
    nik: row.nik,
    kkNumber: row.kk_number,
    name: row.name,
    sex: row.sex,
    sexLabel: codeLists.label('jenisKelamin', row.sex) ?? String(row.sex),
    birthPlace: row.birth_place,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, today) ?? 0,
    religion: labelled(codeLists, 'agama', row.religion),
    education: labelled(codeLists, 'pendidikan', row.education),
    occupation: labelled(codeLists, 'pekerjaan', row.occupation),
    maritalStatus: labelled(codeLists, 'statusPerkawinan', row.marital_status),
    maritalLabel: codeLists.maritalLabel(marital(row)),
    marriageDate: row.marriage_date,
    relationship: labelled(codeLists, 'shdk', row.relationship),
    bloodGroup: labelled(codeLists, 'golonganDarah', row.blood_group),
    disability:
      options.mayReadProtected && row.disability !== null
        ? labelled(codeLists, 'penyandangCacat', row.disability)
        : null,
    citizenship: row.citizenship,
    passportNo: row.passport_no,
    kitapNo: row.kitap_no,
    fatherName: row.father_name,
    motherName: row.mother_name,
    birthCertNo: row.birth_cert_no,
    address: familyAddress(sqlite, family),
    isAlive: row.is_alive === 1,
    nikWarnings: nikWarnings(sqlite, row, today),
    updatedAt: row.updated_at,
    source: row.source,
  };
}

function member(codeLists: CodeLists, row: ResidentRow, no: number): FamilyMember {
  const label = (list: CodeListName, code: number) => codeLists.label(list, code) ?? String(code);
  return {
    ref: residentRef(row.id),
    no,
    name: row.name,
    nik: row.nik,
    sexLabel: label('jenisKelamin', row.sex),
    birthPlace: row.birth_place,
    birthDate: row.birth_date,
    religion: label('agama', row.religion),
    education: label('pendidikan', row.education),
    occupation: label('pekerjaan', row.occupation),
    bloodGroup: label('golonganDarah', row.blood_group),
    maritalLabel: codeLists.maritalLabel(marital(row)),
    marriageDate: row.marriage_date,
    relationship: label('shdk', row.relationship),
    citizenship: row.citizenship,
    passportNo: row.passport_no,
    kitapNo: row.kitap_no,
    fatherName: row.father_name,
    motherName: row.mother_name,
  };
}

/** The KK as the card shows it, or null when this station has no such KK. */
export function familyCard(
  sqlite: SQLite.Database,
  kkNumber: string,
  options: ViewOptions,
): { card: FamilyCard; memberNiks: string[] } | null {
  const family = familyByKk(sqlite, kkNumber);
  if (!family) return null;
  const rows = membersOfKk(sqlite, kkNumber);
  const head =
    rows.find((r) => r.relationship === 1) ?? rows.find((r) => r.nik === family.head_nik);
  const findings = checkFamily(
    rows.map((r) => ({
      shdk: r.relationship,
      sex: r.sex,
      marital: marital(r),
      birthDate: r.birth_date,
    })),
    { today: options.today },
  ).map(({ level, code, message }) => ({ level, code, message }));
  const card: FamilyCard = {
    kkNumber,
    headName: head?.name ?? null,
    address: familyAddress(sqlite, family),
    issuedAt: family.issued_at,
    members: rows.map((r, i) => member(options.codeLists, r, i + 1)),
    history: membershipHistory(sqlite, kkNumber).map((m) => ({
      nik: m.nik,
      name: m.name ?? '',
      kkNumber: m.kk_number,
      from: m.from_at,
      until: m.until_at,
      reason: m.reason,
    })),
    findings,
  };
  return { card, memberNiks: rows.map((r) => r.nik) };
}
