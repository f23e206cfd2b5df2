import type {
  InvitationEntry,
  InvitationGroup,
  InvitationList,
  InvitationRule,
  OutreachEventSummary,
} from '../../contract';
import {
  applicationSubjects,
  invitationResidents,
  recordedNiks,
  type InvitationResidentRow,
} from '../../../db/queries/outreach-plan';
import { escapeHtml } from '../common/html';
import { formatJakarta, longDay } from '../common/jakarta';
import { maskNik } from '../common/mask';
import type { CoreDeps } from '../deps';
import { a4Document, governmentHeader } from '../print/templates/frame';

/**
 * The invitation list of an outreach event (docs/outreach.md, "Invitation list"): the people of
 * the event's villages who need something, by rule, from the station's registry and its own
 * applications and recordings. The registry extract does not say who was recorded or holds a KIA
 * elsewhere; the rules use the best signal this station holds, and the doc says which.
 */

export const INVITATION_RULES: readonly InvitationRule[] = [
  'turning-17',
  'married-no-kk-update',
  'child-no-kia',
  'open-application',
];

/** What the call list prints for each rule (Indonesian: the list is for the village head). */
export const RULE_LABELS: Readonly<Record<InvitationRule, string>> = {
  'turning-17': 'Rekam KTP-el (usia 16/17)',
  'married-no-kk-update': 'Perbarui KK (sudah kawin)',
  'child-no-kia': 'Buat KIA anak',
  'open-application': 'Permohonan belum selesai',
};

/** Application statuses after which nothing is left to do. */
const FINISHED = new Set(['ditolak', 'diambil']);
const KAWIN = 2;
const SHDK_ANAK = 4;

/** Full years from a YYYY-MM-DD birth date to a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  if (!by || !bm || !bd || !y || !m || !d) return -1;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

interface Signals {
  recorded: Set<string>;
  /** Per NIK: services of their applications not refused (as applicant, or as the KIA child). */
  applied: Map<string, Array<{ service: string; createdAt: string }>>;
  /** NIKs with an application still open (not refused, not collected). */
  open: Set<string>;
}

async function signals(deps: Pick<CoreDeps, 'db'>): Promise<Signals> {
  const [recorded, applications] = await Promise.all([
    recordedNiks(deps.db),
    applicationSubjects(deps.db),
  ]);
  const applied = new Map<string, Array<{ service: string; createdAt: string }>>();
  const open = new Set<string>();
  for (const a of applications) {
    for (const nik of [a.applicant_nik, a.child_nik]) {
      if (!nik) continue;
      if (a.status !== 'ditolak') {
        const list = applied.get(nik) ?? [];
        list.push({ service: a.service_code, createdAt: a.created_at });
        applied.set(nik, list);
      }
      if (!FINISHED.has(a.status)) open.add(nik);
    }
  }
  return { recorded, applied, open };
}

/** The rules one resident meets on `asOf` (the event's last day). */
export function rulesFor(
  r: Pick<
    InvitationResidentRow,
    | 'nik'
    | 'birth_date'
    | 'marital_status'
    | 'marriage_date'
    | 'relationship'
    | 'citizenship'
    | 'kk_issued_at'
  >,
  asOf: string,
  s: Signals,
): InvitationRule[] {
  const age = ageOn(r.birth_date, asOf);
  const applied = s.applied.get(r.nik) ?? [];
  const rules: InvitationRule[] = [];
  // First-time recording (pemula) from 16, the card at 17 (domain §5.3); only a recording at this
  // station or a KTP-el application of theirs says it is done.
  if (
    r.citizenship === 'WNI' &&
    (age === 16 || age === 17) &&
    !s.recorded.has(r.nik) &&
    !applied.some((a) => a.service === 'ktp-el-baru')
  )
    rules.push('turning-17');
  // Married, but the KK still shows them as a child of their parents, or was issued before the
  // marriage; no KK application of theirs since the marriage.
  const kkStale =
    r.relationship === SHDK_ANAK ||
    (r.marriage_date !== null && r.kk_issued_at !== null && r.marriage_date > r.kk_issued_at);
  if (
    r.marital_status === KAWIN &&
    kkStale &&
    !applied.some(
      (a) =>
        a.service.startsWith('kk-') &&
        (r.marriage_date === null || a.createdAt.slice(0, 10) >= r.marriage_date),
    )
  )
    rules.push('married-no-kk-update');
  // A child without a KIA: the registry holds no KIA, so a KIA application naming the child
  // (anak-nik) is the only sign of one. From 16 the invitation is the KTP-el recording instead.
  if (
    r.citizenship === 'WNI' &&
    age >= 0 &&
    age < 16 &&
    r.marital_status === 1 &&
    !applied.some((a) => a.service.startsWith('kia-'))
  )
    rules.push('child-no-kia');
  if (s.open.has(r.nik)) rules.push('open-application');
  return rules;
}

/** The list for the event, only the asked rules (all when `rules` is empty), grouped per RT. */
export async function invitationList(
  deps: Pick<CoreDeps, 'db'>,
  event: Pick<OutreachEventSummary, 'id' | 'villages' | 'days'>,
  rules: readonly InvitationRule[],
): Promise<InvitationList> {
  const wanted = new Set(rules.length > 0 ? rules : INVITATION_RULES);
  const asOf = event.days.at(-1) ?? '';
  const [residents, found] = await Promise.all([
    invitationResidents(
      deps.db,
      event.villages.map((v) => v.code),
    ),
    signals(deps),
  ]);
  const villageName = new Map(event.villages.map((v) => [v.code, v.name]));
  const counts = Object.fromEntries(INVITATION_RULES.map((r) => [r, 0])) as Record<
    InvitationRule,
    number
  >;
  const groups = new Map<string, InvitationGroup>();
  for (const r of residents) {
    const reasons = rulesFor(r, asOf, found).filter((rule) => wanted.has(rule));
    if (reasons.length === 0) continue;
    for (const rule of reasons) counts[rule] += 1;
    const rw = r.rw ?? '000';
    const rt = r.rt ?? '000';
    const key = `${r.village_code}/${rw}/${rt}`;
    const group = groups.get(key) ?? {
      villageCode: r.village_code,
      villageName: villageName.get(r.village_code) ?? r.village_code,
      rw,
      rt,
      entries: [],
    };
    const entry: InvitationEntry = {
      nikMasked: maskNik(r.nik),
      name: r.name,
      sex: r.sex === 1 ? 'L' : 'P',
      age: ageOn(r.birth_date, asOf),
      villageCode: r.village_code,
      rt,
      rw,
      address: r.address ?? '',
      reasons,
    };
    group.entries.push(entry);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.villageName.localeCompare(b.villageName, 'id') ||
      a.villageCode.localeCompare(b.villageCode) ||
      a.rw.localeCompare(b.rw) ||
      a.rt.localeCompare(b.rt),
  );
  for (const group of sorted)
    group.entries.sort(
      (a, b) => a.name.localeCompare(b.name, 'id') || a.nikMasked.localeCompare(b.nikMasked),
    );
  return {
    eventId: event.id,
    asOf,
    groups: sorted,
    total: sorted.reduce((n, g) => n + g.entries.length, 0),
    counts,
  };
}

/** A CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab/CR) made inert with '. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const CSV_HEADER = [
  'No',
  'Desa/Kelurahan',
  'RW',
  'RT',
  'Nama',
  'NIK (disamarkan)',
  'L/P',
  'Umur',
  'Alamat',
  'Keperluan',
];

/** The list as CSV: UTF-8 with BOM (spreadsheets then read the names right), CRLF lines. */
export function invitationCsv(list: InvitationList): Uint8Array {
  const lines = [CSV_HEADER.map(csvCell).join(',')];
  let n = 0;
  for (const group of list.groups)
    for (const e of group.entries) {
      n += 1;
      lines.push(
        [
          n,
          group.villageName,
          e.rw,
          e.rt,
          e.name,
          e.nikMasked,
          e.sex,
          e.age,
          e.address,
          e.reasons.map((r) => RULE_LABELS[r]).join('; '),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
  ]);
}

const CSS = `
.rt { break-before: page }
.rt:first-of-type { break-before: auto }
h1 { font-size: 13pt }
.meta td { padding: 0.4mm 2mm 0.4mm 0; vertical-align: top }
table.list { width: 100%; margin-top: 3mm; font-size: 8.5pt }
table.list th, table.list td { border: 0.3mm solid #000; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top }
table.list th { background: #eee }
table.list thead { display: table-header-group }
table.list tr { break-inside: avoid }
td.no, td.age, td.sex { text-align: center; white-space: nowrap }
td.nik { white-space: nowrap; font-family: "DejaVu Sans Mono", monospace }
td.mark { width: 14mm }
.note { margin-top: 3mm; font-size: 7.5pt; border: 0.3mm solid #000; padding: 1.5mm }
.count { margin-top: 2mm }`;

export interface CallListPage {
  event: Pick<OutreachEventSummary, 'name' | 'venue' | 'days' | 'kecamatan'>;
  list: InvitationList;
  printedAt: string;
  printedBy: string;
  isTraining: boolean;
}

/** The call list as A4 HTML: one page group per RT (a new sheet for each), header repeated. */
export function callListHtml(page: CallListPage): string {
  const e = (text: string) => escapeHtml(text);
  const days = page.event.days.map(longDay).join(', ');
  const head = (group: InvitationGroup | null) => `${governmentHeader()}
<h1>DAFTAR UNDANGAN PELAYANAN JEMPUT BOLA</h1>
<div class="sub">Jelades Semedi — ${e(page.event.name)}</div>
<table class="meta">
${group ? `<tr><td>Desa/Kelurahan</td><td>: ${e(group.villageName)}</td></tr><tr><td>RT / RW</td><td>: RT ${e(group.rt)} / RW ${e(group.rw)}</td></tr>` : ''}
<tr><td>Kecamatan</td><td>: ${e(page.event.kecamatan.name)}</td></tr>
<tr><td>Tempat</td><td>: ${e(page.event.venue)}</td></tr>
<tr><td>Hari</td><td>: ${e(days)}</td></tr>
</table>`;
  const note = `<div class="note">Dokumen terbatas: hanya untuk mengundang warga ke pelayanan. NIK disamarkan; jangan disebarkan atau difoto untuk keperluan lain (UU 27/2022). Dicetak ${e(formatJakarta(page.printedAt))} oleh ${e(page.printedBy)}.</div>`;
  const sections =
    page.list.groups.length === 0
      ? `<section class="rt">${head(null)}<p class="count">Tidak ada warga yang perlu diundang menurut aturan yang dipilih.</p>${note}</section>`
      : page.list.groups
          .map((group) => {
            const rows = group.entries
              .map(
                (x, i) =>
                  `<tr><td class="no">${i + 1}</td><td>${e(x.name)}</td><td class="nik">${e(x.nikMasked)}</td><td class="sex">${x.sex}</td><td class="age">${x.age}</td><td>${e(x.address)}</td><td>${e(x.reasons.map((r) => RULE_LABELS[r]).join('; '))}</td><td class="mark"></td></tr>`,
              )
              .join('');
            return `<section class="rt">${head(group)}
<table class="list"><thead><tr><th>No</th><th>Nama</th><th>NIK (disamarkan)</th><th>L/P</th><th>Umur</th><th>Alamat</th><th>Keperluan</th><th>Hadir</th></tr></thead>
<tbody>${rows}</tbody></table>
<div class="count">Jumlah: ${group.entries.length} orang</div>
${note}</section>`;
          })
          .join('\n');
  return a4Document({
    title: `Daftar Undangan ${page.event.name}`,
    orientation: 'portrait',
    mark: { kind: 'form' },
    isTraining: page.isTraining,
    unverified: [],
    body: sections,
    css: CSS,
  });
}
