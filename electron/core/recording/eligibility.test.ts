import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSubject } from '../../../db/queries/audit';
import type { RecordingSubject } from '../../contract';
import { KIOSK, SRI } from '../../testing/desk';
import { createTestStation, type TestStation } from '../../testing/station';
import { as, newPersonApplication, person, recordingArgs } from '../../testing/recording';

// The test clock is 2026-11-29 09:00 WIB.
let station: TestStation;
beforeEach(async () => {
  station = await createTestStation();
});
afterEach(() => station.dispose());

const eligibility = (subject: RecordingSubject) =>
  as(station, SRI).send('recording-eligibility', { subject });

describe('recording-eligibility (domain §5.3)', () => {
  it('17 today is eligible; 16 is eligible as pemula; 15 is too young unless married', async () => {
    const cases = [
      { birthDate: '2009-11-29', marital: 1, want: { age: 17, isPemula: false, problems: [] } },
      { birthDate: '2009-11-30', marital: 1, want: { age: 16, isPemula: true, problems: [] } },
      { birthDate: '2010-06-01', marital: 1, want: { age: 16, isPemula: true, problems: [] } },
      { birthDate: '2011-01-15', marital: 1, want: { age: 15, problems: ['TOO_YOUNG'] } },
      { birthDate: '2011-01-15', marital: 2, want: { age: 15, isPemula: false, problems: [] } },
      { birthDate: '2010-03-03', marital: 3, want: { age: 16, isPemula: false, problems: [] } },
    ] as const;
    for (const [i, c] of cases.entries()) {
      const p = person(station, i, { birthDate: c.birthDate, marital: c.marital });
      const judged = await eligibility({ residentRef: p.ref });
      expect(judged, c.birthDate).toMatchObject({
        ok: true,
        value: {
          ...c.want,
          isEligible: c.want.problems.length === 0,
          isMarried: c.marital !== 1,
          name: p.name,
          nikMasked: `${p.nik.slice(0, 6)}********${p.nik.slice(14)}`,
          birthDate: c.birthDate,
          citizenship: 'WNI',
          existingRecordingId: null,
        },
      });
    }
  });

  it('sets the background by birth year and citizenship; refuses the dead and a WNA without KITAP', async () => {
    const odd = person(station, 0, { birthDate: '1991-02-03' });
    const even = person(station, 1, { birthDate: '1990-02-03' });
    const dead = person(station, 2, { isAlive: false });
    const wna = person(station, 3, { citizenship: 'WNA', kitap: '2C21AB0123' });
    const noKitap = person(station, 4, { citizenship: 'WNA', kitap: '  ' });
    const value = async (p: { ref: string }) => {
      const r = await eligibility({ residentRef: p.ref });
      if (!r.ok) throw new Error(r.error.message);
      return [r.value.background, r.value.isEligible, r.value.problems];
    };
    expect(await value(odd)).toEqual(['red', true, []]);
    expect(await value(even)).toEqual(['blue', true, []]);
    expect(await value(dead)).toEqual(['blue', false, ['DECEASED']]);
    expect(await value(wna)).toEqual(['orange', true, []]);
    expect(await value(noKitap)).toEqual(['orange', false, ['WNA_WITHOUT_KITAP']]);
  });

  it('refuses a second recording with its id; a duplicate recording does not count', async () => {
    const p = person(station, 0, { birthDate: '1990-02-03' });
    const created = await as(station, SRI).send(
      'recording-create',
      recordingArgs({ residentRef: p.ref }, 'blue'),
    );
    if (!created.ok) throw new Error(created.error.message);
    expect(await eligibility({ residentRef: p.ref })).toMatchObject({
      ok: true,
      value: {
        isEligible: false,
        problems: ['ALREADY_RECORDED'],
        existingRecordingId: created.value.id,
      },
    });
    station.deps.sqlite
      .prepare("UPDATE recordings SET status = 'duplicate' WHERE id = ?")
      .run(created.value.id);
    expect(await eligibility({ residentRef: p.ref })).toMatchObject({
      ok: true,
      value: { isEligible: true, problems: [], existingRecordingId: null },
    });
  });

  it('judges a new person from a biodata-baru application; other services and unknowns are refused', async () => {
    const id = newPersonApplication(station, {
      'pemohon-nama': 'Dewi Lestari',
      'tanggal-lahir': '2010-08-17',
      kewarganegaraan: 'WNI',
      'status-perkawinan': '1',
    });
    expect(await eligibility({ applicationId: id })).toEqual({
      ok: true,
      value: {
        subject: { applicationId: id },
        name: 'Dewi Lestari',
        nikMasked: '-',
        birthDate: '2010-08-17',
        age: 16,
        isMarried: false,
        citizenship: 'WNI',
        isEligible: true,
        isPemula: true,
        problems: [],
        background: 'blue',
        existingRecordingId: null,
      },
    });
    const wna = newPersonApplication(station, {
      'pemohon-nama': 'John Smith',
      'tanggal-lahir': '1985-01-01',
      kewarganegaraan: 'WNA',
    });
    expect(await eligibility({ applicationId: wna })).toMatchObject({
      ok: true,
      value: { background: 'orange', problems: ['WNA_WITHOUT_KITAP'] },
    });
    const other = newPersonApplication(station, { 'pemohon-nama': 'X' }, 'kk-baru');
    expect(await eligibility({ applicationId: other })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'NOT_A_NEW_PERSON' },
    });
    const incomplete = newPersonApplication(station, { 'pemohon-nama': 'Tanpa Tanggal' });
    expect(await eligibility({ applicationId: incomplete })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'APPLICATION_INCOMPLETE' },
    });
    expect(await eligibility({ applicationId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await eligibility({ residentRef: 'r999999' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await eligibility({ residentRef: 'x1' } as never)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS' },
    });
  });

  it('is an audited read with the NIK as a keyed hash, and not for the kiosk', async () => {
    const p = person(station, 0);
    await eligibility({ residentRef: p.ref });
    const rows = station.deps.sqlite
      .prepare(
        "SELECT actor, subject_hash, detail FROM audit_log WHERE action = 'recording.eligibility'",
      )
      .all() as { actor: string; subject_hash: string; detail: string }[];
    expect(rows).toEqual([
      {
        actor: 'Sri Wahyuni',
        subject_hash: hashSubject(station.deps.auditKey, p.nik),
        detail: JSON.stringify({ subject: { residentRef: p.ref }, problems: [] }),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(p.nik);
    expect(
      await as(station, KIOSK).send('recording-eligibility', { subject: { residentRef: p.ref } }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
