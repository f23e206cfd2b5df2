import { describe, expect, it } from 'vitest';
import * as fx from '../testing/hid-reports';
import {
  EMPTY_WEDGE,
  WEDGE_IDLE_MS,
  WEDGE_MAX_LENGTH,
  wedgeReport,
  wedgeReportsFor,
  type WedgeDrop,
} from './wedge';

/** Feeds reports 8 ms apart (a typical reader) and collects what they type. */
function type(reports: Uint8Array[], gapMs = 8, start = 1_000) {
  let state = EMPTY_WEDGE;
  const values: string[] = [];
  const dropped: WedgeDrop[] = [];
  reports.forEach((report, i) => {
    const step = wedgeReport(state, report, start + i * gapMs);
    state = step.state;
    if (step.value !== null) values.push(step.value);
    if (step.dropped) dropped.push(step.dropped);
  });
  return { values, dropped, state };
}

describe('wedge reports', () => {
  it.each([
    ['a 7-byte UID in hex, Shift with the letters', fx.WEDGE_CARD_HEX, '04A1B2C3D4E580'],
    ['colons, Shift pressed alone first', fx.WEDGE_CARD_COLONS_SHIFT_ALONE, '04:a1:b2:c3'],
    ['decimal digits on the keypad, keypad Enter', fx.WEDGE_CARD_DECIMAL_KEYPAD, '0077705923'],
    ['decimal digits on the top row', fx.WEDGE_CARD_DECIMAL_REVERSED, '3283263748'],
    [
      'shifted symbols, left and right Shift',
      fx.WEDGE_SCANNER_SYMBOLS,
      'LM1|A-0042|"Kijang Ulu"?_ok',
    ],
    ['a key held over several reports', fx.WEDGE_HELD_KEY, '11'],
    ['two keys in one report', fx.WEDGE_TWO_KEYS_ONE_REPORT, 'ab'],
    ['a partial report and a rollover report', fx.WEDGE_PARTIAL_AND_ROLLOVER, 'A1B2C3D4'],
    ['reports behind a report id', fx.WEDGE_WITH_REPORT_ID, 'z'],
    ['a Ctrl key between the characters', fx.WEDGE_CTRL_KEY, 'x'],
  ])('reads %s', (_what, hex, text) => {
    expect(type(fx.reports(hex)).values).toEqual([text]);
  });

  it('says the partial report was left alone, and changes no state for it', () => {
    const partial = Uint8Array.of(0x02, 0x00, 0x05);
    const before = wedgeReport(EMPTY_WEDGE, Uint8Array.of(0, 0, 0x1e, 0, 0, 0, 0, 0), 1);
    const step = wedgeReport(before.state, partial, 2);
    expect(step).toEqual({ state: before.state, value: null, dropped: 'partial-report' });
  });

  it('reads two taps in a row as two values, and Enter alone as nothing', () => {
    const card = fx.reports(fx.WEDGE_CARD_HEX);
    const enter = fx.reports('00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00');
    expect(type([...card, ...enter, ...card]).values).toEqual(['04A1B2C3D4E580', '04A1B2C3D4E580']);
  });

  it('drops a burst that waits too long for its Enter, and reads the next one whole', () => {
    const card = fx.reports(fx.WEDGE_CARD_HEX);
    const half = card.slice(0, 10);
    let state = type(half).state;
    const later = 1_000 + 10 * 8 + WEDGE_IDLE_MS + 1;
    const steps = card.map((report, i) => {
      const step = wedgeReport(state, report, later + i * 8);
      state = step.state;
      return step;
    });
    expect(steps[0]?.dropped).toBe('timeout');
    expect(steps.flatMap((s) => (s.value ? [s.value] : []))).toEqual(['04A1B2C3D4E580']);
  });

  it('keeps a burst whose reports come just inside the idle limit', () => {
    expect(type(fx.reports(fx.WEDGE_CARD_HEX), WEDGE_IDLE_MS).values).toEqual(['04A1B2C3D4E580']);
  });

  it('throws away an overlong burst up to its Enter, then reads normally again', () => {
    const long = wedgeReportsFor('7'.repeat(WEDGE_MAX_LENGTH + 5));
    const card = fx.reports(fx.WEDGE_CARD_HEX);
    if (!long) throw new Error('not typable');
    const result = type([...long, ...card]);
    expect(result.dropped).toEqual(['overlong']);
    expect(result.values).toEqual(['04A1B2C3D4E580']);
  });
});

describe('wedgeReportsFor (the training devices type through it)', () => {
  it('types what the parser reads back, doubled letters and symbols included', () => {
    const text = 'Aa11 ~`!@#$%^&*()_+-={}[]|\\:;"\'<>,.?/ OKI';
    const reports = wedgeReportsFor(text);
    expect(reports).not.toBeNull();
    expect(type(reports ?? []).values).toEqual([text]);
  });

  it('refuses characters a US keyboard has no key for', () => {
    expect(wedgeReportsFor('Rp 5.000 — lunas')).toBeNull();
    expect(wedgeReportsFor('tab\there')).toBeNull();
  });

  it('writes the same bytes as the recorded hex reader', () => {
    expect(wedgeReportsFor('04A1B2C3D4E580')).toEqual(fx.reports(fx.WEDGE_CARD_HEX));
  });
});
