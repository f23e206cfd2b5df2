import { describe, expect, it } from 'vitest';
import { BACKSPACE, CLEAR, SPACE, applyKey, layoutRows } from './keyboard';

describe('applyKey', () => {
  it('types, deletes and clears', () => {
    expect(applyKey('AB', 'C', 10)).toBe('ABC');
    expect(applyKey('AB', BACKSPACE, 10)).toBe('A');
    expect(applyKey('', BACKSPACE, 10)).toBe('');
    expect(applyKey('AB', CLEAR, 10)).toBe('');
  });

  it('stops at maxLength but still deletes there', () => {
    expect(applyKey('1234', '5', 4)).toBe('1234');
    expect(applyKey('1234', BACKSPACE, 4)).toBe('123');
  });

  it('allows no leading or double space', () => {
    expect(applyKey('', SPACE, 10)).toBe('');
    expect(applyKey('AB ', SPACE, 10)).toBe('AB ');
    expect(applyKey('AB', SPACE, 10)).toBe('AB ');
  });
});

describe('layoutRows', () => {
  it('puts clear and backspace around 0 on the numeric pad', () => {
    expect(layoutRows('numeric').at(-1)).toEqual([CLEAR, '0', BACKSPACE]);
    expect(layoutRows('alpha').flat()).toContain(SPACE);
  });
});
