import type { BackgroundColour, RecordingCreateArgs, RecordingSubject } from '../contract';
import type { Client } from '../transport/client';
import type { Session } from '../transport/dispatcher';
import { memoryPair } from '../transport/memory-pair';
import type { TestStation } from './station';
import { PORTRAIT_CHECK_CODES } from '../core/recording/validate';
import { portraitJpeg, signaturePng, type Rgb } from './images';

/** People, valid recordings and row counts shared by the recording tests (test code only). */

export const RGB: Record<BackgroundColour, Rgb> = {
  red: [200, 30, 30],
  blue: [30, 60, 200],
  orange: [240, 140, 20],
};

const TABLES = [
  'recordings',
  'recording_events',
  'stock_movements',
  'print_log',
  'print_archive',
  'card_bindings',
  'outbox',
  'audit_log',
  'hardware_checks',
];

export function rowCounts(station: TestStation): Record<string, number> {
  const count = (table: string) =>
    station.deps.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return Object.fromEntries(TABLES.map((t) => [t, count(t)]));
}

let connections = 0;
export const as = (station: TestStation, session: Session): Client =>
  memoryPair(station.dispatcher, `recording-${connections++}`, session);

export interface Person {
  id: number;
  ref: string;
  nik: string;
  name: string;
}

/**
 * The `index`-th resident of the synthetic registry, changed to what the test needs
 * (birth date, marital status, citizenship, KITAP, alive). The NIK keeps its digits.
 */
export function person(
  station: TestStation,
  index: number,
  over: {
    birthDate?: string;
    marital?: 1 | 2 | 3 | 4;
    citizenship?: 'WNI' | 'WNA';
    kitap?: string | null;
    isAlive?: boolean;
  } = {},
): Person {
  const db = station.deps.sqlite;
  const row = db
    .prepare('SELECT id, nik, name FROM residents ORDER BY id LIMIT 1 OFFSET ?')
    .get(index) as { id: number; nik: string; name: string };
  const birthDate = over.birthDate ?? '1990-05-17';
  db.prepare(
    `UPDATE residents SET birth_date = ?, birth_year = ?, marital_status = ?, citizenship = ?,
       kitap_no = ?, is_alive = ? WHERE id = ?`,
  ).run(
    birthDate,
    Number(birthDate.slice(0, 4)),
    over.marital ?? 1,
    over.citizenship ?? 'WNI',
    over.kitap ?? null,
    over.isAlive === false ? 0 : 1,
    row.id,
  );
  return { ...row, ref: `r${row.id}` };
}

/** A signature of two strokes on a 600 × 200 pad, with its PNG. */
export function signature(width = 600, height = 200): RecordingCreateArgs['signature'] {
  const stroke = (y: number) => ({
    points: Array.from({ length: 20 }, (_, k) => ({ x: 30 + k * 25, y, p: 0.5, t: k * 16 })),
  });
  return {
    width,
    height,
    strokes: [stroke(80), stroke(120)],
    pngBase64: signaturePng(width, height).toString('base64'),
  };
}

/** A recording that passes every check, for a background colour (the subject's rule colour). */
export function recordingArgs(
  subject: RecordingSubject,
  background: BackgroundColour,
  over: Partial<RecordingCreateArgs> = {},
): RecordingCreateArgs {
  return {
    subject,
    portrait: {
      jpegBase64: portraitJpeg(RGB[background]).toString('base64'),
      checks: PORTRAIT_CHECK_CODES.map((code) => ({ code, passed: true, value: 0.9 })),
      measuredBackground: background,
    },
    signature: signature(),
    biometrics: { fingerprintsDone: true, irisDone: true },
    ...over,
  };
}

/** Inserts a biodata-baru application (a new person) with the given answers. */
export function newPersonApplication(
  station: TestStation,
  fields: Record<string, string>,
  service = 'biodata-baru',
): string {
  const id = `0193b000-0000-7000-8000-${String(connections++).padStart(12, '0')}`;
  station.deps.sqlite
    .prepare(
      `INSERT INTO applications (id, number, service_code, status, applicant_nik, applicant_kk,
        applicant_name, fields, channel, created_at, unit_id, is_training)
       VALUES (?, ?, ?, 'diverifikasi', NULL, NULL, ?, ?, 'desk', ?, ?, 1)`,
    )
    .run(
      id,
      `OKI-TEST-20261129-${id.slice(-4)}`,
      service,
      fields['pemohon-nama'] ?? null,
      JSON.stringify(fields),
      '2026-11-29T02:00:00.000Z',
      station.deps.unit.unit_id,
    );
  return id;
}
