import type { TestStation } from './station';

/**
 * A small outreach event written straight into a test station's tables (the rows the plan and
 * visit handlers write), for the board and report tests: two days, four visits, eight services,
 * blanks carried out and used, prints. `REPORT_EVENT_COUNTS` are its figures worked out by hand.
 */

export const REPORT_EVENT_ID = 'ev-report-1';
export const REPORT_DAYS = ['2026-11-28', '2026-11-29'] as const;
export const REPORT_VILLAGE = '1602052011';
export const REPORT_KECAMATAN = '160205';
export const REPORT_EVENT_NAME = 'Jelades Semedi Kijang Ulu';

interface VisitSeed {
  id: string;
  day: string;
  number: string;
  status: string;
  desk: string | null;
  arrived: string;
  called: string | null;
  finished: string | null;
  name: string;
  nik: string | null;
}

interface ServiceSeed {
  visit: string;
  code: string;
  status: string;
  sex: 'L' | 'P' | null;
  birth: string | null;
  reason: string | null;
  finished: string | null;
}

export const REPORT_VISITS: VisitSeed[] = [
  // Day 1 (2026-11-28, WIB = UTC+7).
  {
    id: 'v1',
    day: '2026-11-28',
    number: '001',
    status: 'done',
    desk: 'meja-1',
    arrived: '2026-11-28T01:00:00.000Z',
    called: '2026-11-28T01:10:00.000Z',
    finished: '2026-11-28T02:00:00.000Z',
    name: 'Siti Aminah Rahayu',
    nik: '1602054107900001',
  },
  {
    id: 'v2',
    day: '2026-11-28',
    number: '002',
    status: 'done',
    desk: 'meja-2',
    arrived: '2026-11-28T01:10:00.000Z',
    called: '2026-11-28T01:30:00.000Z',
    finished: '2026-11-28T01:55:00.000Z',
    name: 'Bambang Sutrisno Wijaya',
    nik: '1602051501880002',
  },
  {
    id: 'v3',
    day: '2026-11-28',
    number: '003',
    status: 'waiting',
    desk: null,
    arrived: '2026-11-28T02:00:00.000Z',
    called: null,
    finished: null,
    name: 'Dewi Lestari Anggraini',
    nik: null,
  },
  // Day 2 (2026-11-29, "today" on the test station's clock: 2026-11-29T02:00Z = 09.00 WIB).
  {
    id: 'v4',
    day: '2026-11-29',
    number: '001',
    status: 'done',
    desk: 'meja-1',
    arrived: '2026-11-29T00:30:00.000Z',
    called: '2026-11-29T00:40:00.000Z',
    finished: '2026-11-29T01:30:00.000Z',
    name: 'Rudi Hartono Saputra',
    nik: '1602050106100003',
  },
  {
    id: 'v5',
    day: '2026-11-29',
    number: '002',
    status: 'serving',
    desk: 'meja-2',
    arrived: '2026-11-29T00:50:00.000Z',
    called: '2026-11-29T01:20:00.000Z',
    finished: null,
    name: 'Nur Hasanah Putri',
    nik: null,
  },
  {
    id: 'v6',
    day: '2026-11-29',
    number: '003',
    status: 'waiting',
    desk: null,
    arrived: '2026-11-29T01:40:00.000Z',
    called: null,
    finished: null,
    name: 'Agus Salim Pratama',
    nik: null,
  },
];

export const REPORT_SERVICES: ServiceSeed[] = [
  // v1: a 17-year-old's recording (first time) and a KIA for a 4-year-old.
  {
    visit: 'v1',
    code: 'perekaman-ktp-el',
    status: 'done',
    sex: 'L',
    birth: '2009-11-01',
    reason: null,
    finished: '2026-11-28T01:30:00.000Z',
  },
  {
    visit: 'v1',
    code: 'kia-baru',
    status: 'done',
    sex: 'P',
    birth: '2022-05-05',
    reason: null,
    finished: '2026-11-28T02:00:00.000Z',
  },
  // v2: an adult's recording; a KK change that follows later.
  {
    visit: 'v2',
    code: 'perekaman-ktp-el',
    status: 'done',
    sex: 'P',
    birth: '1990-01-01',
    reason: null,
    finished: '2026-11-28T01:50:00.000Z',
  },
  {
    visit: 'v2',
    code: 'kk-perubahan',
    status: 'follow-up',
    sex: null,
    birth: null,
    reason: 'Menunggu akta nikah dari KUA',
    finished: null,
  },
  // v3: still waiting; one service cancelled.
  {
    visit: 'v3',
    code: 'kia-baru',
    status: 'waiting',
    sex: 'L',
    birth: '2020-01-01',
    reason: null,
    finished: null,
  },
  {
    visit: 'v3',
    code: 'perekaman-ktp-el',
    status: 'cancelled',
    sex: 'P',
    birth: '1985-03-03',
    reason: 'Sudah rekam',
    finished: null,
  },
  // v4 (day 2): a 16-year-old's recording finished after midnight WIB (not the same day).
  {
    visit: 'v4',
    code: 'perekaman-ktp-el',
    status: 'done',
    sex: 'L',
    birth: '2010-06-01',
    reason: null,
    finished: '2026-11-29T18:00:00.000Z',
  },
  {
    visit: 'v4',
    code: 'kia-baru',
    status: 'done',
    sex: 'P',
    birth: '2026-01-01',
    reason: null,
    finished: '2026-11-29T01:30:00.000Z',
  },
  // v5 (day 2): being served.
  {
    visit: 'v5',
    code: 'perekaman-ktp-el',
    status: 'in-progress',
    sex: 'P',
    birth: '1950-02-02',
    reason: null,
    finished: null,
  },
];

/**
 * The whole event, by hand:
 * - visitors 6, served (done) 3 (v1, v2, v4)
 * - perekaman: not cancelled v1, v2, v4, v5 = 4; L 2 (v1, v4), P 2; bands 16-17: 2 (17, 16),
 *   18-59: 1 (36), 60+: 1 (76); done 3; minutes 30 (v1), 40 (v2), 1050 (v4: 00:30 -> 18:00) ->
 *   median 40; same day 2 (v4 finished 01.00 WIB on the 30th)
 * - kia: v1, v3, v4 = 3; L 1 (v3), P 2; bands 0-4: 2 (4, 0), 5-15: 1 (6); done 2; minutes 60
 *   (v1 01:00 -> 02:00), 60 (v4 00:30 -> 01:30) -> 60; same day 2
 * - kk-perubahan: 1, unknown sex and age; done 0; median null
 * - first-time recordings 2 (v1 17, v4 16); asked 8, same day 4 -> 0.5
 * - pending: v2 kk-perubahan follow-up, v3 kia waiting, v5 perekaman in-progress
 */
export const REPORT_EVENT_COUNTS = {
  visitors: 6,
  peopleServed: 3,
  asked: 8,
  done: 5,
  firstTime: 2,
  sameDayShare: 0.5,
  prints: 3,
};

/** Writes the event (running), its services and targets, visits, calls, blanks and prints. */
export function seedReportEvent(station: TestStation, status = 'running'): void {
  const db = station.deps.sqlite;
  const unit = station.deps.unit.unit_id;
  db.prepare(
    `INSERT INTO outreach_events (id, unit_id, name, village_codes, kecamatan_code, days, venue, status,
      is_training, created_at, created_by, started_at, started_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'Rina Kartika', ?, 'Rina Kartika')`,
  ).run(
    REPORT_EVENT_ID,
    unit,
    REPORT_EVENT_NAME,
    JSON.stringify([REPORT_VILLAGE]),
    REPORT_KECAMATAN,
    JSON.stringify(REPORT_DAYS),
    'Balai Desa Kijang Ulu',
    status,
    '2026-11-20T02:00:00.000Z',
    status === 'planned' ? null : '2026-11-28T00:30:00.000Z',
  );
  const service = db.prepare(
    'INSERT INTO outreach_services (event_id, service_code, target, position) VALUES (?, ?, ?, ?)',
  );
  service.run(REPORT_EVENT_ID, 'perekaman-ktp-el', 10, 0);
  service.run(REPORT_EVENT_ID, 'kia-baru', 8, 1);
  const visit = db.prepare(
    `INSERT INTO outreach_visits (id, event_id, day, number, name, nik, status, desk, arrived_at,
      arrived_by, called_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Sri Wahyuni', ?, ?)`,
  );
  const call = db.prepare(
    'INSERT INTO outreach_calls (visit_id, desk, at, is_repeat) VALUES (?, ?, ?, 0)',
  );
  for (const v of REPORT_VISITS) {
    visit.run(
      v.id,
      REPORT_EVENT_ID,
      v.day,
      v.number,
      v.name,
      v.nik,
      v.status,
      v.desk,
      v.arrived,
      v.called,
      v.finished,
    );
    if (v.desk && v.called) call.run(v.id, v.desk, v.called);
  }
  const vs = db.prepare(
    `INSERT INTO outreach_visit_services (id, visit_id, position, service_code, subject_name,
      subject_nik, subject_sex, subject_birth_date, status, reason, finished_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  );
  REPORT_SERVICES.forEach((s, i) => {
    const name = REPORT_VISITS.find((v) => v.id === s.visit)?.name ?? '';
    vs.run(`s${i + 1}`, s.visit, i, s.code, name, s.sex, s.birth, s.status, s.reason, s.finished);
  });
  // Blanks: 20 carried out on day 1, 2 used and 1 spoiled on day 1, 1 used on day 2.
  const move = db.prepare(
    `INSERT INTO stock_movements (id, unit_id, item, kind, delta, note, print_run_id, at, user_id,
      user_name, event_id, transfer_id) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, NULL, 'Rina Kartika', ?, ?)`,
  );
  move.run('m0', unit, 'blanko-ktp-el', 'received', 100, '2026-11-20T01:00:00.000Z', null, null);
  move.run(
    'm1',
    unit,
    'blanko-ktp-el',
    'transfer-out',
    -20,
    '2026-11-27T23:30:00.000Z',
    null,
    't1',
  );
  move.run(
    'm2',
    unit,
    'blanko-ktp-el',
    'transfer-in',
    20,
    '2026-11-27T23:30:00.000Z',
    REPORT_EVENT_ID,
    't1',
  );
  move.run(
    'm3',
    unit,
    'blanko-ktp-el',
    'used',
    -2,
    '2026-11-28T03:00:00.000Z',
    REPORT_EVENT_ID,
    null,
  );
  move.run(
    'm4',
    unit,
    'blanko-ktp-el',
    'spoiled',
    -1,
    '2026-11-28T04:00:00.000Z',
    REPORT_EVENT_ID,
    null,
  );
  move.run(
    'm5',
    unit,
    'blanko-ktp-el',
    'used',
    -1,
    '2026-11-29T01:45:00.000Z',
    REPORT_EVENT_ID,
    null,
  );
  // Prints: two on day 1 (one a draft, not counted), two on day 2, one the day before the event.
  const print = db.prepare(
    `INSERT INTO print_log (id, run_id, at, user_id, user_name, kind, subject_type, subject_key,
      subject_label, application_id, service_code, copy_number, is_draft, is_reprint,
      reprint_reason, printer_name, is_printed)
     VALUES (?, ?, ?, NULL, 'Sri Wahyuni', 'kia', 'resident', ?, 'KIA', NULL, NULL, 1, ?, 0, NULL, NULL, 1)`,
  );
  print.run('p1', 'r1', '2026-11-28T03:00:00.000Z', 'k-p1', 0);
  print.run('p2', 'r2', '2026-11-28T03:05:00.000Z', 'k-p2', 1);
  print.run('p3', 'r3', '2026-11-29T01:00:00.000Z', 'k-p3', 0);
  print.run('p4', 'r4', '2026-11-29T01:45:00.000Z', 'k-p4', 0);
  print.run('p5', 'r5', '2026-11-27T03:00:00.000Z', 'k-p5', 0);
}
