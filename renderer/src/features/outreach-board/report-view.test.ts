import { describe, expect, it } from 'vitest';
import type { OutreachReportFigures } from '../../../../electron/contract';
import { bandsOf, percent, scopes, sexSeries, totals } from './report-view';

const service = (
  code: string,
  total: number,
  male: number,
  female: number,
  bands: Record<string, number>,
) => ({
  serviceCode: code,
  title: { id: code, en: code },
  total,
  male,
  female,
  byAgeBand: bands,
  medianMinutes: null,
  sameDay: 0,
  done: total - 1,
});

const figures = (services: OutreachReportFigures['services']): OutreachReportFigures => ({
  eventId: 'e',
  scope: 'event',
  generatedAt: '2026-12-10T00:00:00.000Z',
  visitors: 0,
  peopleServed: 0,
  services,
  firstTimeRecordings: 0,
  prints: 0,
  blanks: { items: [] },
  pending: [],
  sameDayShare: null,
});

describe('report view', () => {
  it('lists the whole event first, then the days', () => {
    expect(scopes(['2026-12-10', '2026-12-11'])).toEqual(['event', '2026-12-10', '2026-12-11']);
  });

  it('adds up, splits by sex and shows the unknown age band only when used', () => {
    const f = figures([service('a', 4, 1, 2, { '0-4': 4 }), service('b', 2, 2, 0, { '?': 2 })]);
    expect(totals(f)).toEqual({ asked: 6, done: 4 });
    expect(sexSeries(f)).toEqual([
      [1, 2],
      [2, 0],
      [1, 0],
    ]);
    expect(bandsOf(f)).toEqual(['0-4', '5-15', '16-17', '18-59', '60+', '?']);
    expect(bandsOf(figures([service('a', 1, 1, 0, { '0-4': 1 })]))).not.toContain('?');
  });

  it('writes shares as Indonesian percentages', () => {
    expect(percent(0.5)).toBe('50%');
    expect(percent(0.5714)).toBe('57,1%');
    expect(percent(null)).toBe('–');
  });
});
