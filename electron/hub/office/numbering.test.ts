import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUMBERING,
  formatNumber,
  jakartaDayOf,
  patternProblem,
  periodOf,
  sequenceOf,
  type NumberingRule,
} from './numbering';

const KK: NumberingRule = { kind: 'kk', ...DEFAULT_NUMBERING };

describe('document numbering', () => {
  it('keeps the hub’s former numbering as the default (the akta form 1602-LT-DDMMYYYY-NNNN)', () => {
    expect(formatNumber({ ...KK, kind: 'akta-kelahiran' }, '2026-10-15', 7)).toBe(
      '1602-LT-15102026-0007',
    );
  });

  it('reads a typed number back only when it follows the kind, the day and the width', () => {
    expect(sequenceOf(KK, '2026-11-29', '1602-KK-29112026-0042')).toBe(42);
    for (const wrong of [
      '1602-KK-28112026-0042',
      '1602-LT-29112026-0042',
      '1602-KK-29112026-042',
      '1602-KK-29112026-00042',
      '1602-KK-29112026-0000',
      '1602-KK-29112026-00A1',
    ])
      expect(sequenceOf(KK, '2026-11-29', wrong), wrong).toBeNull();
  });

  it('starts the sequence again by day, by year, or never', () => {
    expect(periodOf('daily', '2026-11-29')).toBe('20261129');
    expect(periodOf('yearly', '2026-11-29')).toBe('2026');
    expect(periodOf('never', '2026-11-29')).toBe('');
  });

  it('refuses a pattern with unknown placeholders or characters a document number cannot hold', () => {
    expect(patternProblem({ ...KK, pattern: '{regency}/{code}/{yyyy}/', width: 5 })).toBeNull();
    expect(patternProblem({ ...KK, pattern: '{regency}-{nik}-' })).toMatch(/unknown placeholder/);
    expect(patternProblem({ ...KK, pattern: 'kk-' })).toMatch(/A-Z/);
    expect(patternProblem({ ...KK, pattern: 'A'.repeat(58) })).toMatch(/longer/);
  });

  it('dates by the Asia/Jakarta day', () => {
    expect(jakartaDayOf(new Date('2026-11-29T16:59:59Z'))).toBe('2026-11-29');
    expect(jakartaDayOf(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });
});
