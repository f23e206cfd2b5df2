import { describe, expect, it } from 'vitest';
import type { PortraitInput, SignatureInput } from '../../../../electron/contract';
import {
  backgroundRule,
  biometricsInput,
  birthYear,
  createArgs,
  isKitOperatorBad,
} from './recording-args';

describe('recording arguments', () => {
  it('records the biometrics only once both are done, with a tidy operator name', () => {
    expect(
      biometricsInput({ fingerprintsDone: true, irisDone: false, kitOperator: '' }),
    ).toBeNull();
    expect(
      biometricsInput({ fingerprintsDone: false, irisDone: true, kitOperator: '' }),
    ).toBeNull();
    expect(biometricsInput({ fingerprintsDone: true, irisDone: true, kitOperator: '   ' })).toEqual(
      {
        fingerprintsDone: true,
        irisDone: true,
      },
    );
    expect(
      biometricsInput({ fingerprintsDone: true, irisDone: true, kitOperator: '  Siti   Aminah ' }),
    ).toEqual({ fingerprintsDone: true, irisDone: true, kitOperator: 'Siti Aminah' });
    // The core takes 3 to 100 characters: a shorter or longer name is not sent.
    const form = { fingerprintsDone: true, irisDone: true };
    expect(biometricsInput({ ...form, kitOperator: ' Al ' })).toBeNull();
    expect(biometricsInput({ ...form, kitOperator: 'x'.repeat(101) })).toBeNull();
    expect(biometricsInput({ ...form, kitOperator: 'x'.repeat(100) })?.kitOperator).toHaveLength(
      100,
    );
    expect(isKitOperatorBad('')).toBe(false);
    expect(isKitOperatorBad('Ani')).toBe(false);
    expect(isKitOperatorBad('An')).toBe(true);
  });

  it('puts the four parts together as the contract names them', () => {
    const portrait: PortraitInput = { jpegBase64: '/9j/', checks: [], measuredBackground: 'red' };
    const signature: SignatureInput = { width: 600, height: 220, strokes: [], pngBase64: 'iVBO' };
    const bio = { fingerprintsDone: true, irisDone: true };
    expect(createArgs({ residentRef: 'r1' }, portrait, signature, bio)).toEqual({
      subject: { residentRef: 'r1' },
      portrait,
      signature,
      biometrics: bio,
    });
  });

  it('reads the birth year for the colour rule', () => {
    expect(birthYear('1991-07-04')).toBe(1991);
    expect(backgroundRule('blue', '2008-01-31')).toEqual({
      key: 'recording.bgRule.blue',
      year: 2008,
    });
  });
});
