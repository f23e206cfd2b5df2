import { describe, expect, it } from 'vitest';
import { ageOn, checkFamily, checkMember, type MemberFacts } from './family-rules';

const today = '2026-11-29';
const married = { status: 2, isRecorded: true } as const;
const single = { status: 1, isRecorded: null } as const;
const member = (facts: Partial<MemberFacts>): MemberFacts => ({
  shdk: 4,
  sex: 1,
  marital: single,
  birthDate: '2010-05-01',
  ...facts,
});
const codes = (facts: Partial<MemberFacts>) =>
  checkMember(member(facts), { today }).map((f) => `${f.level}:${f.code}`);

describe('ageOn', () => {
  it('counts whole years, birthdays included', () => {
    expect(ageOn('2009-11-29', today)).toBe(17);
    expect(ageOn('2009-11-30', today)).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
    expect(ageOn('2008-02-30', today)).toBeNull();
  });
});

describe('head of family', () => {
  it('lets married or ever-married people head a family at any age', () => {
    expect(codes({ shdk: 1, marital: married, birthDate: '2010-01-01' })).toEqual([]);
    expect(codes({ shdk: 1, marital: { status: 3, isRecorded: false } })).toEqual([]);
    expect(codes({ shdk: 1, marital: { status: 4, isRecorded: null } })).toEqual([]);
  });

  it('needs an unmarried head to be 17', () => {
    expect(codes({ shdk: 1, birthDate: '2009-11-29' })).toEqual([]);
    expect(codes({ shdk: 1, birthDate: '2009-11-30' })).toEqual(['error:HEAD_TOO_YOUNG']);
    expect(codes({ shdk: 1, birthDate: null })).toEqual(['warning:HEAD_AGE_UNKNOWN']);
  });
});

describe('relationship and marital status', () => {
  it('refuses spouse and in-law relationships for a never-married person', () => {
    for (const shdk of [2, 3, 5, 8]) {
      expect(codes({ shdk, sex: shdk === 3 ? 2 : 1 })).toEqual(['error:SHDK_NEEDS_MARRIAGE']);
    }
    expect(codes({ shdk: 5, marital: married })).toEqual([]);
    expect(codes({ shdk: 6 })).toEqual(['warning:SHDK_CUCU_UNMARRIED']);
    expect(codes({ shdk: 4 })).toEqual([]);
    expect(codes({ shdk: 12 })).toEqual(['error:SHDK_UNKNOWN']);
  });

  it('warns when SUAMI is not male or ISTRI not female', () => {
    expect(codes({ shdk: 2, sex: 1, marital: married })).toEqual([]);
    expect(codes({ shdk: 3, sex: 2, marital: married })).toEqual([]);
    expect(codes({ shdk: 2, sex: 2, marital: married })).toEqual(['warning:SHDK_SPOUSE_SEX']);
    expect(codes({ shdk: 3, sex: 1, marital: married })).toEqual(['warning:SHDK_SPOUSE_SEX']);
  });
});

describe('checkFamily', () => {
  const head = member({ shdk: 1, marital: married, birthDate: '1980-01-01' });
  const wife = member({ shdk: 3, sex: 2, marital: married, birthDate: '1982-01-01' });
  const child = member({ shdk: 4 });

  it('accepts a family with exactly one head', () => {
    expect(checkFamily([head, wife, child], { today })).toEqual([]);
  });

  it('needs exactly one head and points findings at the member', () => {
    expect(checkFamily([wife, child], { today })).toMatchObject([
      { level: 'error', code: 'FAMILY_NO_HEAD', member: null },
    ]);
    expect(checkFamily([head, head, child], { today })).toMatchObject([
      { code: 'FAMILY_MANY_HEADS', member: null },
    ]);
    const findings = checkFamily([head, member({ shdk: 3, sex: 2 })], { today });
    expect(findings).toMatchObject([{ code: 'SHDK_NEEDS_MARRIAGE', member: 1 }]);
    expect(findings[0]?.message.id).toContain('BELUM KAWIN');
  });
});
