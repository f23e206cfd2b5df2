import { describe, expect, it } from 'vitest';
import { maskKk, maskNik } from './mask';

describe('masking', () => {
  it('keeps the kecamatan prefix and the serial only', () => {
    expect(maskNik('1602055512030001')).toBe('160205********01');
    expect(maskKk('1602051203080007')).toBe('160205********07');
    expect(maskNik('160205551203000')).toBe('***************');
    expect(maskNik('1602 55512030001')).toBe('****************');
  });
});
