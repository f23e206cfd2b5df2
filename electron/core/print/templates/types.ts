import type { FamilyAddress } from '../../../contract/registry';

/** A person as the documents print them: labels already resolved from the code lists. */
export interface PersonData {
  nik: string | null;
  name: string;
  sex: string | null;
  birthPlace: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  religion: string | null;
  education: string | null;
  occupation: string | null;
  bloodGroup: string | null;
  /** As printed: KAWIN TERCATAT, BELUM KAWIN ... */
  marital: string | null;
  marriageDate: string | null;
  relationship: string | null;
  citizenship: string | null;
  passportNo: string | null;
  kitapNo: string | null;
  fatherName: string | null;
  motherName: string | null;
  birthCertNo: string | null;
}

export type AddressData = FamilyAddress;

/** A person with nothing known but the name (and maybe the NIK). */
export function bare(name: string, nik: string | null = null): PersonData {
  return {
    nik,
    name,
    sex: null,
    birthPlace: null,
    birthDate: null,
    religion: null,
    education: null,
    occupation: null,
    bloodGroup: null,
    marital: null,
    marriageDate: null,
    relationship: null,
    citizenship: null,
    passportNo: null,
    kitapNo: null,
    fatherName: null,
    motherName: null,
    birthCertNo: null,
  };
}
