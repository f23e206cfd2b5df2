import { describe, expect, it } from 'vitest';
import type { ReportServiceRow, ReportVisitRow } from '../../../db/queries/outreach-report';
import { ageBand, ageOn, computeFigures, median, type ReportInput } from './report';

const visit = (
  id: string,
  day: string,
  number: string,
  status: string,
  arrived: string,
): ReportVisitRow => ({
  id,
  day,
  number,
  status,
  arrived_at: arrived,
  called_at: null,
  finished_at: null,
});

const service = (
  visitId: string,
  code: string,
  status: string,
  extra: Partial<ReportServiceRow> = {},
): ReportServiceRow => ({
  visit_id: visitId,
  service_code: code,
  status,
  subject_sex: null,
  subject_birth_date: null,
  reason: null,
  finished_at: null,
  recording_birth_date: null,
  recording_status: null,
  ...extra,
});

const input = (over: Partial<ReportInput>): ReportInput => ({
  eventId: 'ev',
  scope: 'event',
  generatedAt: '2026-12-10T10:00:00.000Z',
  planned: ['perekaman-ktp-el', 'kia-baru'],
  titleOf: (code) => ({ id: `T ${code}`, en: `E ${code}` }),
  visits: [],
  services: [],
  prints: 0,
  stockInScope: [],
  stockToEnd: [],
  ...over,
});

describe('report helpers', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2009-12-10', '2026-12-10')).toBe(17);
    expect(ageOn('2009-12-11', '2026-12-10')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn(null, '2026-12-10')).toBeNull();
    expect(ageOn('10-12-2009', '2026-12-10')).toBeNull();
    expect(ageOn('2027-01-01', '2026-12-10')).toBeNull();
  });

  it('bands ages at their edges', () => {
    expect([0, 4, 5, 15, 16, 17, 18, 59, 60, 99, null].map(ageBand)).toEqual([
      '0-4',
      '0-4',
      '5-15',
      '5-15',
      '16-17',
      '16-17',
      '18-59',
      '18-59',
      '60+',
      '60+',
      '?',
    ]);
  });

  it('takes the median of odd and even counts, one decimal', () => {
    expect(median([])).toBeNull();
    expect(median([40, 1050, 30])).toBe(40);
    expect(median([10, 20, 25, 31])).toBe(22.5);
    expect(median([1, 2.33])).toBe(1.7);
  });
});

describe('computeFigures', () => {
  // Day 2026-12-10 (WIB = UTC+7): a: 08.00 arrival, b: 08.10, c: 09.00 (still waiting);
  // 2026-12-11: d: 07.30.
  const visits = [
    visit('a', '2026-12-10', '001', 'done', '2026-12-10T01:00:00.000Z'),
    visit('b', '2026-12-10', '002', 'done', '2026-12-10T01:10:00.000Z'),
    visit('c', '2026-12-10', '003', 'waiting', '2026-12-10T02:00:00.000Z'),
    visit('d', '2026-12-11', '001', 'done', '2026-12-11T00:30:00.000Z'),
  ];
  const services = [
    // a: recording of a 17-year-old (linked recording's birth date wins), done after 30 min.
    service('a', 'perekaman-ktp-el', 'done', {
      subject_sex: 'L',
      subject_birth_date: '1999-01-01',
      recording_birth_date: '2009-12-01',
      recording_status: 'direkam',
      finished_at: '2026-12-10T01:30:00.000Z',
    }),
    // a: KIA of a 4-year-old, 60 min.
    service('a', 'kia-baru', 'done', {
      subject_sex: 'P',
      subject_birth_date: '2022-05-05',
      finished_at: '2026-12-10T02:00:00.000Z',
    }),
    // b: recording of a 17-year-old whose recording turned out a duplicate: not first-time.
    service('b', 'perekaman-ktp-el', 'done', {
      subject_sex: 'P',
      subject_birth_date: '2009-01-01',
      recording_status: 'duplicate',
      finished_at: '2026-12-10T01:50:00.000Z',
    }),
    // b: an unplanned service that follows later, unknown subject.
    service('b', 'kk-perubahan', 'follow-up', { reason: 'Menunggu akta nikah' }),
    // c: a KIA still waiting, a recording cancelled (not counted anywhere).
    service('c', 'kia-baru', 'waiting', { subject_sex: 'L', subject_birth_date: '2020-01-01' }),
    service('c', 'perekaman-ktp-el', 'cancelled', { subject_sex: 'P' }),
    // d: recording of a 16-year-old finished at 01.00 WIB the next day: 1050 min, not same day.
    service('d', 'perekaman-ktp-el', 'done', {
      subject_sex: 'L',
      subject_birth_date: '2010-06-01',
      finished_at: '2026-12-11T18:00:00.000Z',
    }),
    // A service of a visit outside the scope's visits is ignored.
    service('zz', 'kia-baru', 'done', { finished_at: '2026-12-11T18:00:00.000Z' }),
  ];

  it('adds up the whole event by hand', () => {
    const figures = computeFigures(
      input({
        visits,
        services,
        prints: 4,
        stockInScope: [
          { item: 'blanko-ktp-el', kind: 'out', total: 20 },
          { item: 'blanko-ktp-el', kind: 'used', total: 3 },
          { item: 'blanko-ktp-el', kind: 'spoiled', total: 1 },
          { item: 'blanko-kia', kind: 'out', total: 5 },
          { item: 'blanko-kia', kind: 'returned', total: 5 },
        ],
        stockToEnd: [
          { item: 'blanko-ktp-el', kind: 'out', total: 20 },
          { item: 'blanko-ktp-el', kind: 'used', total: 3 },
          { item: 'blanko-ktp-el', kind: 'spoiled', total: 1 },
          { item: 'blanko-kia', kind: 'out', total: 5 },
          { item: 'blanko-kia', kind: 'returned', total: 5 },
        ],
      }),
    );
    expect(figures).toEqual({
      eventId: 'ev',
      scope: 'event',
      generatedAt: '2026-12-10T10:00:00.000Z',
      visitors: 4,
      peopleServed: 3,
      services: [
        {
          serviceCode: 'perekaman-ktp-el',
          title: { id: 'T perekaman-ktp-el', en: 'E perekaman-ktp-el' },
          total: 3,
          male: 2,
          female: 1,
          byAgeBand: { '0-4': 0, '5-15': 0, '16-17': 3, '18-59': 0, '60+': 0 },
          // 30, 40, 1050 minutes.
          medianMinutes: 40,
          sameDay: 2,
          done: 3,
        },
        {
          serviceCode: 'kia-baru',
          title: { id: 'T kia-baru', en: 'E kia-baru' },
          total: 2,
          male: 1,
          female: 1,
          byAgeBand: { '0-4': 1, '5-15': 1, '16-17': 0, '18-59': 0, '60+': 0 },
          medianMinutes: 60,
          sameDay: 1,
          done: 1,
        },
        {
          serviceCode: 'kk-perubahan',
          title: { id: 'T kk-perubahan', en: 'E kk-perubahan' },
          total: 1,
          male: 0,
          female: 0,
          byAgeBand: { '0-4': 0, '5-15': 0, '16-17': 0, '18-59': 0, '60+': 0, '?': 1 },
          medianMinutes: null,
          sameDay: 0,
          done: 0,
        },
      ],
      // a (17, direkam) and d (16); b's recording is a duplicate.
      firstTimeRecordings: 2,
      prints: 4,
      blanks: {
        items: [
          { item: 'blanko-ktp-el', out: 20, used: 3, spoiled: 1, returned: 0, left: 16 },
          { item: 'blanko-kia', out: 5, used: 0, spoiled: 0, returned: 5, left: 0 },
          { item: 'ribbon', out: 0, used: 0, spoiled: 0, returned: 0, left: 0 },
        ],
      },
      pending: [
        {
          day: '2026-12-10',
          number: '002',
          serviceCode: 'kk-perubahan',
          status: 'follow-up',
          reason: 'Menunggu akta nikah',
        },
        {
          day: '2026-12-10',
          number: '003',
          serviceCode: 'kia-baru',
          status: 'waiting',
          reason: '',
        },
      ],
      // Asked 6 (3 + 2 + 1), same day 3 (2 + 1 + 0).
      sameDayShare: 0.5,
    });
  });

  it('shows the planned services at zero and no share when nothing was asked', () => {
    const figures = computeFigures(input({ scope: '2026-12-12' }));
    expect(figures.services.map((s) => [s.serviceCode, s.total, s.medianMinutes])).toEqual([
      ['perekaman-ktp-el', 0, null],
      ['kia-baru', 0, null],
    ]);
    expect(figures.sameDayShare).toBeNull();
    expect(figures.peopleServed).toBe(0);
  });

  it('cuts a long pending reason', () => {
    const figures = computeFigures(
      input({
        visits: [visit('a', '2026-12-10', '001', 'serving', '2026-12-10T01:00:00.000Z')],
        services: [service('a', 'kia-baru', 'in-progress', { reason: 'x'.repeat(500) })],
      }),
    );
    expect(figures.pending[0]?.reason).toHaveLength(200);
  });
});
