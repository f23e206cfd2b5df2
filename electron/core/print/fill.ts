import type { DocumentKind, FamilyMember, ResidentDetail } from '../../contract';
import { regionName } from '../../../db/queries/residents-read';
import type { CoreDeps } from '../deps';
import { codeLabel } from '../desk/format';
import { isCodeListName } from '../registry/code-lists';
import { aktaKelahiranHtml } from './templates/akta-kelahiran';
import { aktaKematianHtml } from './templates/akta-kematian';
import { biodataHtml } from './templates/biodata';
import { f101Html } from './templates/f-1-01';
import { f102Html } from './templates/f-1-02';
import { f103Html } from './templates/f-1-03';
import { f201Html } from './templates/f-2-01';
import type { IssuedMark, Rendered } from './templates/frame';
import { kiaHtml, kiaValidUntil } from './templates/kia';
import { kkHtml, type KkMember } from './templates/kk';
import { ktpElHtml } from './templates/ktp-el';
import type { MovingMember } from './templates/parts';
import { placeDate } from './templates/sheet';
import { suratPindahHtml } from './templates/surat-pindah';
import { bare, type AddressData, type PersonData } from './templates/types';
import { isKiaChild, residentOf, type PrintSource } from './source';

export type FillDeps = Pick<
  CoreDeps,
  'db' | 'sqlite' | 'codeLists' | 'catalogue' | 'ports' | 'unit'
>;

/**
 * Fills a template from a resolved subject. `issued` is the district's mark once the sync
 * brings it (issue 7); until then every document is a draft.
 */
export function renderKind(
  deps: FillDeps,
  source: PrintSource,
  kind: DocumentKind,
  issued: IssuedMark | null,
): Rendered {
  const f = new Filler(deps, source);
  const common = { isTraining: deps.unit.is_training === 1 };
  const place = placeDate(deps.unit.district_name, source.today);
  switch (kind) {
    case 'kk':
      return kkHtml({ ...f.kk(), issuedOn: source.today, issued, ...common });
    case 'biodata':
      return biodataHtml({ ...f.biodata(), issued, placeDate: place, ...common });
    case 'kia':
      return kiaHtml({ ...f.kia(), issuedOn: source.today, issued, ...common });
    case 'ktp-el':
      return ktpElHtml({ ...f.ktpEl(), issuedOn: source.today, issued, ...common });
    case 'akta-kelahiran':
      return aktaKelahiranHtml({ ...f.birth(), issued, placeDate: place, ...common });
    case 'akta-kematian':
      return aktaKematianHtml({ ...f.death(), issued, placeDate: place, ...common });
    case 'surat-pindah':
      return suratPindahHtml({ ...f.moving(), issued, placeDate: place, ...common });
    case 'f-1.01':
      return f101Html({ ...f.familyForm(), placeDate: place, ...common });
    case 'f-1.02':
      return f102Html({ ...f.eventForm(), placeDate: place, ...common });
    case 'f-1.03':
      return f103Html({ ...f.movingForm(), placeDate: place, ...common });
    case 'f-2.01':
      return f201Html({ ...f.reportForm(), placeDate: place, ...common });
  }
}

export function personOf(m: FamilyMember | ResidentDetail): PersonData {
  const isDetail = 'age' in m;
  return {
    nik: m.nik,
    name: m.name,
    sex: m.sexLabel,
    birthPlace: m.birthPlace,
    birthDate: m.birthDate,
    religion: isDetail ? m.religion.label : m.religion,
    education: isDetail ? m.education.label : m.education,
    occupation: isDetail ? m.occupation.label : m.occupation,
    bloodGroup: isDetail ? m.bloodGroup.label : m.bloodGroup,
    marital: m.maritalLabel,
    marriageDate: m.marriageDate,
    relationship: isDetail ? m.relationship.label : m.relationship,
    citizenship: m.citizenship,
    passportNo: m.passportNo,
    kitapNo: m.kitapNo,
    fatherName: m.fatherName,
    motherName: m.motherName,
    birthCertNo: isDetail ? m.birthCertNo : null,
  };
}

/** Reads one subject's data for each template; application answers win over the registry. */
class Filler {
  readonly #deps: FillDeps;
  readonly #s: PrintSource;

  constructor(deps: FillDeps, source: PrintSource) {
    this.#deps = deps;
    this.#s = source;
  }

  /** An application answer as printed: code-list and option labels, region names. */
  answer(code: string): string | null {
    const app = this.#s.application;
    const value = app?.fields[code]?.trim();
    if (!app || !value) return null;
    const field = app.service.fields.find((x) => x.code === code);
    if (field?.type === 'select' && isCodeListName(field.codeList)) {
      return codeLabel(this.#deps, field.codeList, value);
    }
    if (field?.type === 'choice')
      return field.options.find((o) => o.value === value)?.label.id ?? value;
    if (field?.type === 'region') return this.#regionText(value);
    return value;
  }

  #regionText(code: string): string {
    const name = (c: string) => regionName(this.#deps.sqlite, c);
    const parts = [
      name(code),
      name(code.slice(0, 6)),
      name(code.slice(0, 4)),
      name(code.slice(0, 2)),
    ];
    return parts.filter((p) => p).join(', ') || code;
  }

  #raw(code: string): string | null {
    return this.#s.application?.fields[code]?.trim() || null;
  }

  #applicantName(): string | null {
    return (
      this.#s.resident?.name ??
      this.#s.application?.row.applicant_name ??
      this.answer('pemohon-nama')
    );
  }

  #address(): AddressData | null {
    return this.#s.family?.address ?? this.#s.resident?.address ?? this.#fieldAddress();
  }

  /** An address typed into the application (biodata-baru, moves). */
  #fieldAddress(): AddressData | null {
    const village = this.#raw('alamat-wilayah');
    const street = this.#raw('alamat-jalan');
    if (!village && !street) return null;
    const name = (c: string | undefined) => (c ? regionName(this.#deps.sqlite, c) : null);
    return {
      address: street ?? '',
      rt: this.#raw('alamat-rt') ?? '',
      rw: this.#raw('alamat-rw') ?? '',
      dusun: null,
      villageCode: village ?? '',
      villageName: name(village ?? undefined),
      districtName: name(village?.slice(0, 6)),
      regencyName: name(village?.slice(0, 4)),
      provinceName: name(village?.slice(0, 2)),
      postalCode: null,
    };
  }

  /** The applicant of a biodata-baru, from the answers. */
  #personFromFields(): PersonData {
    return {
      ...bare(this.answer('pemohon-nama') ?? '', null),
      sex: this.answer('jenis-kelamin'),
      birthPlace: this.answer('tempat-lahir'),
      birthDate: this.#raw('tanggal-lahir'),
      religion: this.answer('agama'),
      education: this.answer('pendidikan'),
      occupation: this.answer('pekerjaan'),
      marital: this.answer('status-perkawinan'),
      bloodGroup: this.answer('golongan-darah'),
      citizenship: this.answer('kewarganegaraan'),
      fatherName: this.answer('ayah-nama'),
      motherName: this.answer('ibu-nama'),
    };
  }

  #members(): PersonData[] {
    const family = this.#s.family;
    if (family) return family.members.map(personOf);
    if (this.#s.application?.row.service_code === 'biodata-baru') return [this.#personFromFields()];
    const name = this.#applicantName();
    return name ? [bare(name, this.#s.application?.row.applicant_nik ?? null)] : [];
  }

  kk() {
    const members: KkMember[] = this.#members();
    let proposedNote: string | null = null;
    const app = this.#s.application;
    if (app?.row.service_code === 'kk-tambah-anggota') {
      members.push({
        ...bare(this.answer('subjek-nama') ?? '', this.#raw('subjek-nik')),
        relationship: this.answer('anggota-shdk'),
        isProposed: true,
      });
      proposedNote = `Anggota yang diusulkan dalam permohonan ${app.row.number}; belum tercatat.`;
    }
    const family = this.#s.family;
    return {
      kkNumber: family?.kkNumber ?? this.#raw('pemohon-no-kk'),
      headName: family?.headName ?? this.#applicantName(),
      address: this.#address(),
      members,
      proposedNote,
    };
  }

  familyForm() {
    const kk = this.kk();
    return { ...kk, phone: this.#raw('pemohon-telepon') };
  }

  biodata() {
    const resident = this.#s.resident;
    const person =
      this.#s.application?.row.service_code === 'biodata-baru' || !resident
        ? this.#personFromFields()
        : personOf(resident);
    return {
      person,
      kkNumber: resident?.kkNumber ?? null,
      headName: this.#s.family?.headName ?? null,
      address: this.#address(),
    };
  }

  kia() {
    const today = this.#s.today;
    const app = this.#s.application;
    // The child: the resident subject, or the application's child when the registry has them.
    const child = app ? residentOf(this.#deps, this.#raw('anak-nik'), today) : this.#s.resident;
    const family = child
      ? this.#s.family?.kkNumber === child.kkNumber
        ? this.#s.family
        : null
      : this.#s.family;
    const birthDate = child?.birthDate ?? this.#raw('tanggal-lahir');
    const age = child?.age ?? null;
    return {
      child: {
        nik: child?.nik ?? this.#raw('anak-nik'),
        name: child?.name ?? this.answer('anak-nama') ?? '',
        sex: child?.sexLabel ?? null,
        bloodGroup: child?.bloodGroup.label ?? null,
        birthPlace: child?.birthPlace ?? null,
        birthDate,
        religion: child?.religion.label ?? null,
        citizenship: child?.citizenship ?? null,
        birthCertNo: child?.birthCertNo ?? null,
      },
      kkNumber: child?.kkNumber ?? family?.kkNumber ?? this.#raw('pemohon-no-kk'),
      headName: family?.headName ?? null,
      address: child?.address ?? family?.address ?? null,
      validUntil: birthDate ? kiaValidUntil(birthDate, today) : null,
      hasPhoto: age === null ? true : age >= 5 && (child ? isKiaChild(child) : true),
    };
  }

  /** The recorded person: the registry's data, or a new person's biodata answers. */
  ktpEl() {
    const rec = this.#s.recording;
    const resident = this.#s.resident;
    const person = resident ? personOf(resident) : this.#personFromFields();
    return {
      nik: resident?.nik ?? rec?.row.resident_nik ?? null,
      name: person.name || rec?.row.name || '',
      birthPlace: person.birthPlace,
      birthDate: person.birthDate ?? rec?.row.birth_date ?? null,
      sex: person.sex,
      bloodGroup: person.bloodGroup,
      address: this.#address(),
      religion: person.religion,
      marital: person.marital,
      occupation: person.occupation,
      citizenship: rec?.row.citizenship ?? ('WNI' as const),
      portraitJpeg: rec?.portraitJpeg ?? null,
      signaturePng: rec?.signaturePng ?? null,
      issuedPlace: this.#deps.unit.regency_name.replace(/^kabupaten\s+/i, ''),
    };
  }

  birth() {
    return {
      child: {
        nik: null,
        name: this.answer('anak-nama') ?? '',
        sex: this.answer('jenis-kelamin'),
        birthPlace: this.answer('tempat-lahir'),
        birthDate: this.#raw('tanggal-lahir'),
      },
      fatherName: this.answer('ayah-nama'),
      motherName: this.answer('ibu-nama'),
    };
  }

  death() {
    const deceased = residentOf(this.#deps, this.#raw('almarhum-nik'), this.#s.today);
    return {
      deceased: {
        nik: this.#raw('almarhum-nik'),
        name: deceased?.name ?? this.answer('almarhum-nama') ?? '',
        sex: deceased?.sexLabel ?? null,
        birthPlace: deceased?.birthPlace ?? null,
        birthDate: deceased?.birthDate ?? null,
      },
      deathDate: this.#raw('tanggal-meninggal'),
      deathPlace: this.answer('tempat-meninggal'),
      reporterName: this.#applicantName(),
    };
  }

  /** The applicant first, then the family in card order, as many as the application says. */
  #movingMembers(): MovingMember[] {
    const family = this.#s.family;
    const count = Number(this.#raw('jumlah-ikut') ?? '0');
    if (!family || !Number.isInteger(count) || count < 1) return [];
    const nik = this.#s.application?.row.applicant_nik;
    const ordered = [
      ...family.members.filter((m) => m.nik === nik),
      ...family.members.filter((m) => m.nik !== nik),
    ];
    return ordered
      .slice(0, count)
      .map((m) => ({ nik: m.nik, name: m.name, relationship: m.relationship }));
  }

  #destination() {
    return {
      address: this.answer('alamat-jalan'),
      rt: this.#raw('alamat-rt'),
      rw: this.#raw('alamat-rw'),
      region: this.answer('alamat-wilayah'),
    };
  }

  moving() {
    const family = this.#s.family;
    return {
      applicant: {
        nik: this.#s.application?.row.applicant_nik ?? null,
        name: this.#applicantName() ?? '',
      },
      kkNumber: family?.kkNumber ?? this.#raw('pemohon-no-kk'),
      headName: family?.headName ?? null,
      origin: family?.address ?? null,
      destination: this.#destination(),
      reason: this.answer('pindah-alasan'),
      classification: this.answer('pindah-klasifikasi'),
      members: this.#movingMembers(),
    };
  }

  movingForm() {
    const isArrival = this.#s.application?.row.service_code === 'pindah-datang';
    return {
      ...this.moving(),
      direction: isArrival ? ('datang' as const) : ('keluar' as const),
      skpwniNumber: this.#raw('skpwni-nomor'),
    };
  }

  eventForm() {
    const app = this.#s.application;
    const resident = this.#s.resident;
    const service = app?.service;
    const group = service
      ? this.#deps.catalogue.groups.find((g) => g.code === service.groupCode)
      : undefined;
    const skip = new Set(['pemohon-nik', 'pemohon-nama', 'pemohon-no-kk', 'pemohon-telepon']);
    const details = (service?.fields ?? [])
      .filter((field) => !skip.has(field.code))
      .map((field) => ({ label: field.label.id, value: this.answer(field.code) }));
    return {
      applicant: {
        nik: app?.row.applicant_nik ?? resident?.nik ?? null,
        name: this.#applicantName(),
        kkNumber: this.#s.family?.kkNumber ?? this.#raw('pemohon-no-kk'),
        phone: this.#raw('pemohon-telepon'),
      },
      address: this.#address(),
      applicationNumber: app?.row.number ?? null,
      services: (group?.services ?? []).map((s) => ({
        label: s.title.id,
        isChecked: s.code === service?.code,
      })),
      details,
    };
  }

  reportForm() {
    const isBirth = this.#s.application?.row.service_code !== 'akta-kematian';
    const birth = this.birth();
    const death = this.death();
    return {
      event: isBirth ? ('kelahiran' as const) : ('kematian' as const),
      reporter: {
        nik: this.#s.application?.row.applicant_nik ?? null,
        name: this.#applicantName(),
        relationship: this.answer('pemohon-hubungan'),
      },
      subject: isBirth ? { ...birth.child } : { ...death.deceased },
      father: { nik: this.#raw('ayah-nik'), name: this.answer('ayah-nama') },
      mother: { nik: this.#raw('ibu-nik'), name: this.answer('ibu-nama') },
      death: { date: death.deathDate, place: death.deathPlace },
    };
  }
}
