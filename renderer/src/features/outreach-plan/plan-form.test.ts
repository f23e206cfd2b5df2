import { describe, expect, it } from 'vitest';
import type { OutreachPlanOptions } from '../../../../electron/contract';
import { checkoutCount, emptyForm, planOf, withDay } from './plan-form';

const options: OutreachPlanOptions = {
  unitVillageCode: '1602052011',
  today: '2026-11-29',
  kecamatans: [],
  users: [],
  services: [],
};

describe('plan form', () => {
  it('starts at the station village and today', () => {
    expect(emptyForm(options)).toMatchObject({
      kecamatan: '160205',
      villages: ['1602052011'],
      days: ['2026-11-29'],
    });
  });

  it('builds the plan, keeping only villages of the chosen kecamatan and days ascending', () => {
    const form = {
      ...emptyForm(options),
      name: 'Jelades',
      venue: 'Balai',
      villages: ['1602052011', '1602022001'],
      days: ['2026-12-02', '2026-11-30'],
      team: { 'user-rina': 'ketua' as const },
      services: { 'kia-baru': ' 15 ' },
    };
    expect(planOf(form)).toEqual({
      ok: true,
      plan: {
        name: 'Jelades',
        villageCodes: ['1602052011'],
        days: ['2026-11-30', '2026-12-02'],
        venue: 'Balai',
        team: [{ userId: 'user-rina', task: 'ketua' }],
        services: [{ serviceCode: 'kia-baru', target: 15 }],
      },
    });
    expect(planOf({ ...form, villages: ['1602022001'] })).toEqual({
      ok: false,
      problem: 'noVillage',
    });
    expect(planOf({ ...form, days: [] })).toEqual({ ok: false, problem: 'noDay' });
    for (const target of ['', '-1', '1.5', '10001', 'sepuluh'])
      expect(planOf({ ...form, services: { 'kia-baru': target } })).toEqual({
        ok: false,
        problem: 'badTarget',
      });
  });

  it('adds a day once and reads checkout counts', () => {
    expect(withDay(['2026-12-01'], '2026-11-30')).toEqual(['2026-11-30', '2026-12-01']);
    expect(withDay(['2026-12-01'], '2026-12-01')).toEqual(['2026-12-01']);
    expect(withDay([], '')).toEqual([]);
    expect(checkoutCount(' 20 ')).toBe(20);
    for (const bad of ['0', '-3', '2.5', '10001', 'dua puluh', ''])
      expect(checkoutCount(bad)).toBeNull();
  });
});
