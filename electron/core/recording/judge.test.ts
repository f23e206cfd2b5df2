import { describe, expect, it } from 'vitest';
import { expectedBackground, judge, type RecordingPerson } from './eligibility';

describe('judge', () => {
  const base: RecordingPerson = {
    subject: { residentRef: 'r1' },
    nik: '1602054107900001',
    applicationId: null,
    name: 'A',
    birthDate: '2010-11-29',
    citizenship: 'WNI',
    maritalStatus: 1,
    isAlive: true,
    kitapNo: null,
  };

  it('counts whole years on the given day and lists every problem at once', () => {
    expect(judge(base, '2026-11-28', null)).toMatchObject({ age: 15, problems: ['TOO_YOUNG'] });
    expect(judge(base, '2026-11-29', null)).toMatchObject({ age: 16, isPemula: true });
    expect(judge(base, '2027-11-29', null)).toMatchObject({ age: 17, isPemula: false });
    const all = judge({ ...base, isAlive: false, citizenship: 'WNA' }, '2026-01-01', {
      id: 'rec-1',
    });
    expect(all).toMatchObject({
      problems: ['TOO_YOUNG', 'DECEASED', 'WNA_WITHOUT_KITAP', 'ALREADY_RECORDED'],
      existingRecordingId: 'rec-1',
      isEligible: false,
    });
  });

  it('colours the background by birth year, orange for a foreigner (domain §5.2)', () => {
    expect(expectedBackground({ birthDate: '2001-01-01', citizenship: 'WNI' })).toBe('red');
    expect(expectedBackground({ birthDate: '2000-12-31', citizenship: 'WNI' })).toBe('blue');
    expect(expectedBackground({ birthDate: '2001-01-01', citizenship: 'WNA' })).toBe('orange');
  });
});
