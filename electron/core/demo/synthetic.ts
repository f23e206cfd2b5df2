import { seeded } from '../seeded-random';
import {
  BIRTH_PLACES,
  DUSUN,
  FEMALE_GIVEN,
  FEMALE_SECOND,
  MALE_GIVEN,
  MALE_SECOND,
  STREETS,
} from './names';

/** Codes follow ../shared/domain/domain.md §3.3 (SHDK, agama, pendidikan, pekerjaan...). */
export interface SyntheticPerson {
  nik: string;
  name: string;
  sex: 1 | 2;
  birthPlace: string;
  birthDate: string;
  religion: number;
  education: number;
  occupation: number;
  maritalStatus: 1 | 2 | 3 | 4;
  maritalRecorded: boolean;
  marriageDate: string | null;
  relationship: number;
  bloodGroup: number;
  citizenship: 'WNI';
  fatherName: string;
  motherName: string;
}

export interface SyntheticFamily {
  kk: string;
  villageCode: string;
  address: string;
  rt: string;
  rw: string;
  dusun: string;
  postalCode: string;
  issuedAt: string;
  members: SyntheticPerson[];
}

const SHDK = { head: 1, wife: 3, child: 4, parent: 7 } as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Streams synthetic families over the given villages until `residents` people exist.
 * NIKs and KK numbers are structurally valid (domain §1.1, §1.4) and unique: each serial
 * counts up per 12-digit prefix.
 */
export function* syntheticFamilies(options: {
  seed: number;
  villageCodes: readonly string[];
  residents: number;
  today: string;
}): Generator<SyntheticFamily> {
  const random = seeded(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const serials = new Map<string, number>();
  const nextSerial = (prefix: string) => {
    const value = (serials.get(prefix) ?? 0) + 1;
    serials.set(prefix, value);
    if (value > 9999) throw new Error(`Serial space exhausted for ${prefix}`);
    return pad(value, 4);
  };
  const thisYear = Number(options.today.slice(0, 4));
  // Never a date after today: a child born "this year" may not be born yet in December's terms.
  const date = (year: number) => {
    const value = `${year}-${pad(between(1, 12), 2)}-${pad(between(1, 28), 2)}`;
    return value > options.today ? options.today : value;
  };
  const nik = (district: string, birthDate: string, sex: 1 | 2) => {
    const [y, m, d] = birthDate.split('-');
    const day = Number(d) + (sex === 2 ? 40 : 0);
    const prefix = `${district}${pad(day, 2)}${m}${y?.slice(2)}`;
    return prefix + nextSerial(prefix);
  };
  const name = (sex: 1 | 2) => {
    const given = pick(sex === 1 ? MALE_GIVEN : FEMALE_GIVEN);
    const parts =
      random() < 0.25 ? [given] : [given, pick(sex === 1 ? MALE_SECOND : FEMALE_SECOND)];
    if (random() < 0.1) parts.splice(1, 0, pick(sex === 1 ? MALE_GIVEN : FEMALE_GIVEN));
    return [...new Set(parts)].join(' ');
  };
  const adult = (
    sex: 1 | 2,
    year: number,
    relationship: number,
    district: string,
  ): SyntheticPerson => {
    const birthDate = date(year);
    return {
      nik: nik(district, birthDate, sex),
      name: name(sex),
      sex,
      birthPlace: pick(BIRTH_PLACES),
      birthDate,
      religion: random() < 0.97 ? 1 : pick([2, 3, 5]),
      education: between(2, 8),
      occupation:
        sex === 1
          ? pick([9, 9, 9, 8, 11, 15, 19, 20, 88, 88, 5, 65])
          : pick([2, 2, 2, 9, 84, 65, 73, 88]),
      maritalStatus: 2,
      maritalRecorded: random() < 0.9,
      marriageDate: null,
      relationship,
      bloodGroup: pick([1, 2, 3, 4, 13, 13, 13]),
      citizenship: 'WNI',
      fatherName: name(1),
      motherName: name(2),
    };
  };

  let produced = 0;
  while (produced < options.residents) {
    const villageCode = pick(options.villageCodes);
    const district = villageCode.slice(0, 6);
    const headYear = between(thisYear - 75, thisYear - 20);
    const head = adult(1, headYear, SHDK.head, district);
    const members = [head];
    const marriageYear = Math.min(thisYear - 1, headYear + between(19, 30));
    if (random() < 0.85) {
      const wife = adult(2, Math.min(headYear + between(0, 6), thisYear - 18), SHDK.wife, district);
      const marriageDate = date(marriageYear);
      head.marriageDate = marriageDate;
      wife.marriageDate = marriageDate;
      wife.maritalRecorded = head.maritalRecorded;
      members.push(wife);
      const children = between(0, 4);
      for (let i = 0; i < children; i += 1) {
        const year = Math.min(thisYear, marriageYear + 1 + i * between(1, 4));
        const sex = random() < 0.5 ? 1 : 2;
        const birthDate = date(year);
        const age = thisYear - year;
        members.push({
          ...adult(sex, year, SHDK.child, district),
          nik: nik(district, birthDate, sex),
          birthDate,
          maritalStatus: 1,
          maritalRecorded: true,
          education: age < 7 ? 1 : Math.min(8, between(2, 2 + Math.floor(age / 4))),
          occupation: age < 23 ? (age < 5 ? 1 : 3) : pick([15, 88, 19, 9]),
          fatherName: head.name,
          motherName: wife.name,
        });
      }
    } else {
      head.maritalStatus = pick([1, 3, 4]);
    }
    if (random() < 0.08)
      members.push({
        ...adult(2, headYear - between(20, 30), SHDK.parent, district),
        maritalStatus: 4,
      });
    const issued = date(between(Math.max(2005, marriageYear), thisYear));
    const [iy, im, id] = issued.split('-');
    const kkPrefix = `${district}${id}${im}${iy?.slice(2)}`;
    produced += members.length;
    yield {
      kk: kkPrefix + nextSerial(`kk${kkPrefix}`),
      villageCode,
      address: `${pick(STREETS)} NO. ${between(1, 120)}`,
      rt: pad(between(1, 12), 3),
      rw: pad(between(1, 5), 3),
      dusun: pick(DUSUN),
      postalCode: `306${pad(Number(district.slice(4)) + 10, 2)}`,
      issuedAt: issued,
      members,
    };
  }
}
