import type { ResidentDetail } from '../../../../electron/contract';
import { formatRegionCode } from '../../lib/i18n/format';
import { formatDocDate, orDash } from '../../lib/registry/format';
import { DOC } from './labels';

export interface DetailRow {
  label: string;
  value: string;
  /** Stable key (data-field) for tests and styling. */
  field: string;
}

/** The detail screen's rows: official labels in KK/KTP order; absent protected data is left out. */
export function detailRows(d: ResidentDetail, ageText: string): DetailRow[] {
  const a = d.address;
  const rows: Array<[string, string, string] | null> = [
    [DOC.nik, d.nik, 'nik'],
    [DOC.name, d.name, 'name'],
    [DOC.sex, d.sexLabel, 'sex'],
    [DOC.birthPlace, d.birthPlace, 'birthPlace'],
    [DOC.birthDate, `${formatDocDate(d.birthDate)} (${ageText})`, 'birthDate'],
    [DOC.religion, d.religion.label, 'religion'],
    [DOC.education, d.education.label, 'education'],
    [DOC.occupation, d.occupation.label, 'occupation'],
    [DOC.marital, d.maritalLabel, 'marital'],
    [DOC.marriageDate, formatDocDate(d.marriageDate), 'marriageDate'],
    [DOC.relationship, d.relationship.label, 'relationship'],
    [DOC.citizenship, d.citizenship, 'citizenship'],
    [DOC.bloodGroup, d.bloodGroup.label, 'bloodGroup'],
    [DOC.passport, orDash(d.passportNo), 'passport'],
    [DOC.kitap, orDash(d.kitapNo), 'kitap'],
    [DOC.fatherName, orDash(d.fatherName), 'father'],
    [DOC.motherName, orDash(d.motherName), 'mother'],
    [DOC.birthCert, orDash(d.birthCertNo), 'birthCert'],
    // Protected (UU 24/2013 Ps 84): the core sends it to supervisors and up only.
    d.disability ? [DOC.disability, d.disability.label, 'disability'] : null,
    [DOC.address, a.address, 'address'],
    [DOC.rtRw, `${a.rt}/${a.rw}`, 'rtRw'],
    a.dusun ? [DOC.dusun, a.dusun, 'dusun'] : null,
    [DOC.village, `${orDash(a.villageName)} (${formatRegionCode(a.villageCode)})`, 'village'],
    [DOC.district, orDash(a.districtName), 'district'],
    [DOC.regency, orDash(a.regencyName), 'regency'],
    [DOC.province, orDash(a.provinceName), 'province'],
    [DOC.postalCode, orDash(a.postalCode), 'postalCode'],
  ];
  return rows
    .filter((row) => row !== null)
    .map(([label, value, field]) => ({ label, value, field }));
}
