/** Key layouts of the on-screen keyboard. Special keys are named, letters are themselves. */
export const BACKSPACE = 'BACKSPACE';
export const SPACE = 'SPACE';
export const CLEAR = 'CLEAR';

export type KeyboardLayout = 'alpha' | 'numeric';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export function layoutRows(layout: KeyboardLayout): string[][] {
  if (layout === 'numeric') {
    return [
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
      [CLEAR, '0', BACKSPACE],
    ];
  }
  // Names and addresses need a few marks: "JL. MERDEKA NO. 5", "RT 003/RW 001", "NUR'AINI", numbers "OKI-…".
  return [
    DIGITS,
    [...'QWERTYUIOP'],
    [...'ASDFGHJKL', '-'],
    [...'ZXCVBNM', '.', BACKSPACE],
    [',', "'", '/', SPACE, CLEAR],
  ];
}

/** The value after pressing `key`; pure so the rule is testable without a DOM. */
export function applyKey(value: string, key: string, maxLength: number): string {
  if (key === BACKSPACE) return value.slice(0, -1);
  if (key === CLEAR) return '';
  const char = key === SPACE ? ' ' : key;
  if (value.length >= maxLength) return value;
  if (char === ' ' && (value === '' || value.endsWith(' '))) return value;
  return value + char;
}
