import { describe, expect, it } from 'vitest';
import type { CatalogueService, CheckState } from '../../contract';
import type { ApplicationClaimRow } from '../../../db/schema';
import { daysBefore, daysBetween } from './app-inbox';
import { allowedActions, officerKey, textOf, unmetRequirements } from './rules';
import type { Officer } from '../common/officer';

const SRI: Officer = { role: 'operator', userName: 'Sri', userId: 'u-sri' };
const RINA: Officer = { role: 'supervisor', userName: 'Rina', userId: 'u-rina' };
const claimBy = (userId: string): ApplicationClaimRow => ({
  application_id: 'a',
  user_id: userId,
  user_name: userId,
  claimed_at: '2026-11-29T02:00:00.000Z',
});

describe('allowedActions', () => {
  it.each([
    ['diajukan', null, SRI, null, ['claim']],
    ['berkas-kurang', null, SRI, null, ['claim']],
    ['diajukan', 'u-sri', SRI, null, ['release', 'check', 'approve', 'return', 'reject']],
    ['diajukan', 'u-budi', SRI, null, []],
    ['diajukan', 'u-budi', RINA, null, ['release']],
    ['perlu-persetujuan', null, SRI, 'u-sri', []],
    ['perlu-persetujuan', null, RINA, 'u-sri', ['claim', 'confirm', 'refuse']],
    ['perlu-persetujuan', 'u-rina', RINA, 'u-sri', ['release', 'confirm', 'refuse']],
    ['perlu-persetujuan', 'u-anton', RINA, 'u-sri', ['release']],
    ['perlu-persetujuan', null, RINA, 'u-rina', ['claim']],
    ['diverifikasi', null, RINA, null, []],
    ['ditolak', null, SRI, null, []],
  ] as const)('%s claimed by %s for %j', (status, holder, officer, requester, expected) => {
    const claim = holder === null ? null : claimBy(holder);
    expect(allowedActions({ status, claim, requester }, officer)).toEqual(expected);
  });
});

describe('unmetRequirements', () => {
  const service = {
    requirements: [
      { code: 'surat-lahir', need: 'required', alternatives: [{ code: 'sptjm' }] },
      { code: 'kk', need: 'required', alternatives: [] },
      { code: 'polisi', need: 'conditional', alternatives: [] },
      { code: 'sptjm', need: 'optional', alternatives: [] },
    ],
  } as unknown as CatalogueService;
  const unmet = (checks: Record<string, CheckState>) =>
    unmetRequirements(service, new Map(Object.entries(checks)));

  it('wants every required line ok, itself or through an alternative', () => {
    expect(unmet({})).toEqual(['surat-lahir', 'kk']);
    expect(unmet({ kk: 'ok', 'surat-lahir': 'missing' })).toEqual(['surat-lahir']);
    expect(unmet({ kk: 'ok', sptjm: 'ok', 'surat-lahir': 'missing' })).toEqual([]);
    expect(unmet({ kk: 'ok', 'surat-lahir': 'ok', polisi: 'missing' })).toEqual([]);
  });

  it('stops at any bad line, required or not', () => {
    expect(unmet({ kk: 'ok', 'surat-lahir': 'ok', polisi: 'bad' })).toEqual(['polisi']);
    expect(unmet({ kk: 'ok', sptjm: 'ok', 'surat-lahir': 'bad' })).toEqual(['surat-lahir']);
  });
});

describe('small rules', () => {
  it('keys officers by account, training sessions by name', () => {
    expect(officerKey(SRI)).toBe('u-sri');
    expect(officerKey({ role: 'operator', userName: 'Peserta' })).toBe('session:Peserta');
    expect(officerKey({ role: 'operator', userName: 'Peserta', userId: null })).toBe(
      'session:Peserta',
    );
  });

  it('trims reasons and bounds them', () => {
    const limits = { min: 5, max: 10, field: 'reason' };
    expect(textOf('  lima!  ', limits)).toEqual({ ok: true, value: 'lima!' });
    expect(textOf(' abcd ', limits)).toMatchObject({ error: { reason: 'REASON_REQUIRED' } });
    expect(textOf(undefined, limits)).toMatchObject({ error: { fields: ['reason'] } });
    expect(textOf('x'.repeat(11), limits)).toMatchObject({ error: { reason: 'TOO_LONG' } });
  });

  it('counts days', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBefore('2026-03-01', 2)).toBe('2026-02-27');
  });
});
