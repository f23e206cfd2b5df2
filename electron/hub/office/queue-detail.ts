import type { Kysely } from 'kysely';
import type { HubDatabase } from '../../../db/hub-schema';
import {
  applicationRecords,
  applicationsOfNik,
  statusUpdatesOf,
  storedPhotos,
  type QueueListRow,
} from '../../../db/queries/office-queue';
import type {
  QueueAnswer,
  QueueDesk,
  QueueDetail,
  QueueEvent,
  QueuePhoto,
  QueueRegistry,
  QueueRow,
  QueueText,
  RegistryLine,
} from '../../contract/office/queue';
import { maskNik } from '../../protocol/mask';
import { answersOf, displayOf, isSubmit, parseData, type StoredSubmit } from './projection';

/**
 * One application's page (queue-get): its projection row, and what its records say, read
 * defensively (a record is a station's data: a missing or odd field leaves its part empty).
 */

const SHA256 = /^[0-9a-f]{64}$/;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;
const obj = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
function list(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  const out: Record<string, unknown>[] = [];
  for (const item of value as unknown[]) {
    const o = obj(item);
    if (o) out.push(o);
  }
  return out;
}

function localText(value: unknown): QueueText | null {
  const o = obj(value);
  const id = str(o?.id);
  return id === null ? null : { id, en: str(o?.en) ?? id };
}

export function queueRowOf(row: QueueListRow, userId: string): QueueRow {
  return {
    applicationId: row.application_id,
    number: row.number,
    unitId: row.unit_id,
    stationName: row.station_name ?? row.unit_id,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    channel: row.channel,
    applicantNik: row.applicant_nik === null ? null : maskNik(row.applicant_nik),
    applicantName: row.applicant_name,
    villageCode: row.village_code,
    villageName: row.village_name,
    kecamatanCode: row.kecamatan_code,
    kecamatanName: row.kecamatan_name,
    submittedAt: row.submitted_at,
    stationStatus: row.station_status,
    officeStatus: row.office_status,
    claim:
      row.claimed_by === null
        ? null
        : {
            userId: row.claimed_by,
            name: row.claimed_by_name ?? row.claimed_by,
            at: row.claimed_at ?? '',
            isMine: row.claimed_by === userId,
          },
    proposal: row.proposal,
  };
}

/** KK labels of the registry elements (as printed), in the order the page shows them. */
const ELEMENTS: readonly [string, string][] = [
  ['NIK', 'NIK'],
  ['NO_KK', 'No. KK'],
  ['NAMA_LGKP', 'Nama Lengkap'],
  ['JENIS_KLMIN', 'Jenis Kelamin'],
  ['TMPT_LHR', 'Tempat Lahir'],
  ['TGL_LHR', 'Tanggal Lahir'],
  ['AGAMA', 'Agama'],
  ['PDDK_AKH', 'Pendidikan'],
  ['JENIS_PKRJN', 'Jenis Pekerjaan'],
  ['STAT_KWN', 'Status Perkawinan'],
  ['STAT_HBKEL', 'Status Hubungan Dalam Keluarga'],
  ['GOL_DRH', 'Golongan Darah'],
  ['WARGA_NEGARA', 'Kewarganegaraan'],
  ['NAMA_LGKP_AYAH', 'Nama Ayah'],
  ['NAMA_LGKP_IBU', 'Nama Ibu'],
  ['STAT_HIDUP', 'Status Hidup'],
  ['ALAMAT', 'Alamat'],
  ['NO_RT', 'RT'],
  ['NO_RW', 'RW'],
  ['DUSUN', 'Dusun'],
  ['NAMA_KEL', 'Desa/Kelurahan'],
];
/** A change of the village names the village (the code stays in NO_KEL). */
const SHOWN_AS: Readonly<Record<string, string>> = { NO_KEL: 'NAMA_KEL' };

export function registryOf(submit: StoredSubmit): QueueRegistry | null {
  const registry = obj(submit.registry);
  const nik = str(registry?.NIK);
  if (!registry || nik === null) return null;
  const lines: RegistryLine[] = ELEMENTS.map(([element, label]) => ({
    element,
    label,
    current: registry[element] === null ? null : (str(registry[element]) ?? null),
    proposed: null,
  }));
  for (const change of list(registry.PERUBAHAN)) {
    const element = str(change.ELEMEN) ?? 'LAINNYA';
    const proposed = str(change.BARU);
    if (proposed === null) continue;
    const line = lines.find((l) => l.element === (SHOWN_AS[element] ?? element));
    if (line) line.proposed = proposed;
    else
      lines.push({
        element,
        label: localText(change.LABEL)?.id ?? element,
        current: str(change.LAMA),
        proposed,
      });
  }
  return { nik, name: str(registry.NAMA_LGKP) ?? '', lines };
}

function answersFrom(submit: StoredSubmit): QueueAnswer[] {
  const raw = answersOf(submit);
  const shown = list(displayOf(submit).fields);
  const answers: QueueAnswer[] = [];
  for (const field of shown) {
    const code = str(field.code);
    if (code === null || !Object.hasOwn(raw, code)) continue;
    answers.push({
      code,
      label: localText(field.label),
      value: raw[code] ?? '',
      display: str(field.value) ?? raw[code] ?? '',
    });
  }
  for (const [code, value] of Object.entries(raw))
    if (!answers.some((a) => a.code === code))
      answers.push({ code, label: null, value, display: value });
  return answers;
}

function requirementLabels(submit: StoredSubmit): Map<string, QueueText> {
  const labels = new Map<string, QueueText>();
  for (const line of list(displayOf(submit).requirements)) {
    const code = str(line.code);
    const label = localText(line.label);
    if (code !== null && label) labels.set(code, label);
  }
  return labels;
}

/** Builds the page; `null` when the application's submit record is not (or no longer) there. */
export async function queueDetail(
  db: Kysely<HubDatabase>,
  row: QueueListRow,
  userId: string,
): Promise<QueueDetail | null> {
  const records = await applicationRecords(db, row.unit_id, row.application_id, [
    'application',
    'application-activity',
  ]);
  let submit: StoredSubmit | null = null;
  let desk: Record<string, unknown> | null = null;
  const timeline: QueueEvent[] = [];
  for (const record of records) {
    const data = parseData(record.data);
    if (!data) continue;
    if (record.aggregate === 'application-activity') {
      timeline.push({
        at: str(data.at) ?? record.at,
        source: 'station',
        what: str(data.action) ?? 'activity',
        actor: str(data.actor),
        note: str(data.reason) ?? str(data.note),
      });
    } else if (isSubmit(data)) {
      submit = data;
    } else if (Array.isArray(data.checks)) {
      desk = data;
      timeline.push({
        at: str(data.at) ?? record.at,
        source: 'station',
        what: str(data.status) ?? 'diputuskan',
        actor: str(data.actor),
        note: str(data.reason),
      });
    }
  }
  if (!submit) return null;
  for (const step of list(submit.status_history))
    timeline.push({
      at: str(step.at) ?? row.submitted_at,
      source: 'station',
      what: str(step.status) ?? 'diajukan',
      actor: str(step.actor),
      note: null,
    });
  for (const update of await statusUpdatesOf(db, row.application_id)) {
    const payload = parseData(update.payload) ?? {};
    timeline.push({
      at: update.created_at,
      source: 'hub',
      what: str(payload.status) ?? 'update',
      actor: str(payload.by),
      note: str(payload.reason) ?? str(payload.note),
    });
  }
  if (row.proposal && row.proposed_at)
    timeline.push({
      at: row.proposed_at,
      source: 'hub',
      what: `usul-${row.proposal}`,
      actor: row.proposed_by_name,
      note: row.proposal_note,
    });
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const labels = requirementLabels(submit);
  const photoRows = list(submit.photos).filter((p) => SHA256.test(str(p.sha256) ?? ''));
  const stored = await storedPhotos(
    db,
    photoRows.map((p) => str(p.sha256) ?? ''),
  );
  const photos: QueuePhoto[] = photoRows.map((p) => {
    const sha256 = str(p.sha256) ?? '';
    const requirementCode = str(p.requirement_code) ?? '';
    return {
      sha256,
      requirementCode,
      requirementLabel: labels.get(requirementCode) ?? null,
      size: num(p.size),
      width: num(p.width),
      height: num(p.height),
      takenAt: str(p.taken_at) ?? '',
      isStored: stored.has(sha256),
    };
  });
  const deskView: QueueDesk | null = desk
    ? {
        status: str(desk.status) ?? '',
        officer: str(desk.actor) ?? '',
        at: str(desk.at) ?? '',
        reason: str(desk.reason),
        checks: list(desk.checks).map((c) => {
          const requirementCode = str(c.requirementCode) ?? '';
          return {
            requirementCode,
            requirementLabel: labels.get(requirementCode) ?? null,
            state: str(c.state) ?? '',
            note: str(c.note),
            by: str(c.by) ?? '',
            at: str(c.at) ?? '',
          };
        }),
      }
    : null;
  const earlier =
    row.applicant_nik === null
      ? []
      : (await applicationsOfNik(db, row.applicant_nik, row.application_id)).map((e) => ({
          applicationId: e.application_id,
          number: e.number,
          serviceCode: e.service_code,
          serviceName: e.service_name,
          submittedAt: e.submitted_at,
          officeStatus: e.office_status,
          stationName: e.station_name ?? e.unit_id,
        }));
  return {
    row: queueRowOf(row, userId),
    applicant: { nik: row.applicant_nik, kk: row.applicant_kk, name: row.applicant_name },
    answers: answersFrom(submit),
    registry: registryOf(submit),
    photos,
    desk: deskView,
    timeline,
    earlier,
    proposal: row.proposal
      ? {
          proposal: row.proposal,
          kind: row.proposal_kind,
          note: row.proposal_note,
          byName: row.proposed_by_name,
          at: row.proposed_at,
        }
      : null,
    decision: row.decided_at
      ? {
          at: row.decided_at,
          byName: row.decided_by_name,
          reason: row.decision_reason,
          documentNumber: row.document_number,
        }
      : null,
  };
}
