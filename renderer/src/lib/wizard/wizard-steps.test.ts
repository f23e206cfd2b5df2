import { describe, expect, it } from 'vitest';
import type {
  CatalogueField,
  CatalogueRequirement,
  CatalogueService,
} from '../../../../electron/contract';
import {
  applyPrefill,
  dateFromDigits,
  dateMask,
  digitsFromDate,
  groupDigits,
  photoRequirements,
  stepOfField,
  wizardSteps,
} from './wizard-steps';

const text = (s: string) => ({ id: s, en: s });
const field = (code: string, need: CatalogueField['need'] = 'required'): CatalogueField => ({
  code,
  type: 'text',
  label: text(code),
  hint: null,
  need,
  condition: need === 'conditional' ? text('if') : null,
  codeList: null,
  options: [],
  validation: { minLength: null, maxLength: null, pattern: null, isNotInFuture: false },
});
const requirement = (
  code: string,
  need: CatalogueRequirement['need'],
  isPhotographedAtKiosk = true,
): CatalogueRequirement => ({
  code,
  kind: 'document',
  label: text(code),
  hint: null,
  need,
  condition: need === 'conditional' ? text('if') : null,
  bringOriginal: 'show',
  isPhotographedAtKiosk,
  form: null,
  alternatives: [],
});
const service = (fields: CatalogueField[], requirements: CatalogueRequirement[]) =>
  ({
    code: 'akta-kelahiran',
    fields,
    requirements,
  }) as unknown as CatalogueService;

describe('wizard steps', () => {
  it('asks NIK and KK together first, then one question per screen, photos, consent, review', () => {
    const steps = wizardSteps(
      service(
        [field('pemohon-nik'), field('anak-nama'), field('pemohon-no-kk'), field('ibu-nama')],
        [requirement('kk', 'required')],
      ),
    );
    expect(steps.map((s) => (s.kind === 'field' ? s.field.code : s.kind))).toEqual([
      'identify',
      'anak-nama',
      'ibu-nama',
      'photos',
      'consent',
      'review',
    ]);
    expect(stepOfField(steps, 'pemohon-no-kk')).toBe(0);
    expect(stepOfField(steps, 'ibu-nama')).toBe(2);
    expect(stepOfField(steps, 'nothing')).toBe(-1);
  });

  it('has no identify step without NIK or KK questions and no photo step without photos', () => {
    const steps = wizardSteps(
      service([field('pemohon-nama')], [requirement('rt', 'required', false)]),
    );
    expect(steps.map((s) => s.kind)).toEqual(['field', 'consent', 'review']);
  });

  it('lists photographed requirements required first', () => {
    const list = photoRequirements(
      service(
        [],
        [
          requirement('sptjm', 'optional'),
          requirement('polisi', 'conditional'),
          requirement('kk', 'required'),
          requirement('hadir', 'required', false),
        ],
      ),
    );
    expect(list.map((r) => r.code)).toEqual(['kk', 'polisi', 'sptjm']);
  });

  it('pre-fills only empty answers the service asks for', () => {
    const s = service([field('pemohon-nama'), field('alamat-rt')], []);
    expect(
      applyPrefill(
        s,
        { 'pemohon-nama': 'TYPED BY HAND', 'alamat-rt': '' },
        { 'pemohon-nama': 'FROM REGISTRY', 'alamat-rt': '3', 'alamat-rw': '1' },
      ),
    ).toEqual({ 'pemohon-nama': 'TYPED BY HAND', 'alamat-rt': '3' });
  });

  it('reads keypad dates and digit groups', () => {
    expect(dateFromDigits('15102026')).toBe('2026-10-15');
    expect(dateFromDigits('1510202')).toBeNull();
    expect(digitsFromDate('2026-10-15')).toBe('15102026');
    expect(digitsFromDate('15/10')).toBe('');
    expect(dateMask('1510')).toBe('15 / 10 / ____');
    expect(groupDigits('1602055512030001')).toBe('1602 0555 1203 0001');
  });
});
