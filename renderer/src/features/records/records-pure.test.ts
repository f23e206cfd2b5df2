import { describe, expect, it } from 'vitest';
import {
  cameraLine,
  canAdjustStock,
  cardUid,
  checkFileName,
  districtMoves,
  recordTabCount,
  recordTabs,
  signedCount,
  stockMove,
  thresholdValue,
  trainingChange,
} from './records-pure';

describe('recordings list tabs', () => {
  it('puts all first, then the statuses in lifecycle order, and sums for all', () => {
    expect(recordTabs()).toEqual([
      '',
      'direkam',
      'terkirim',
      'prr',
      'duplicate',
      'dicetak',
      'diserahkan',
    ]);
    const counts = { direkam: 3, prr: 2, diserahkan: 1 };
    expect(recordTabCount(counts, '')).toBe(6);
    expect(recordTabCount(counts, 'prr')).toBe(2);
    expect(recordTabCount(counts, 'dicetak')).toBe(0);
  });
});

describe('training district moves', () => {
  it('offers only the next district answers', () => {
    expect(districtMoves('direkam')).toEqual(['terkirim']);
    expect(districtMoves('terkirim')).toEqual(['prr', 'duplicate']);
    for (const s of ['prr', 'duplicate', 'dicetak', 'diserahkan'] as const) {
      expect(districtMoves(s)).toEqual([]);
    }
  });
});

describe('card UID', () => {
  it('normalises separators and case, and refuses other lengths or non-hex', () => {
    expect(cardUid('04:a1:b2:c3:d4:e5:80')).toBe('04A1B2C3D4E580');
    expect(cardUid(' de ad be ef ')).toBe('DEADBEEF');
    expect(cardUid('04-A1-B2-C3-D4-E5-80-11-22-33')).toBe('04A1B2C3D4E580112233');
    expect(cardUid('DEADBEE')).toBeNull();
    expect(cardUid('DEADBEEG')).toBeNull();
    expect(cardUid('0123456789')).toBeNull();
    expect(cardUid('')).toBeNull();
  });
});

describe('stock movement form', () => {
  const base = { item: 'ribbon' as const, note: 'BAST 12/2026' };

  it('takes a positive whole count and a note for received and spoiled', () => {
    expect(stockMove({ ...base, kind: 'received', count: ' 250 ' }, 0)).toEqual({
      ok: true,
      args: { item: 'ribbon', kind: 'received', count: 250, note: 'BAST 12/2026' },
    });
    expect(stockMove({ ...base, kind: 'spoiled', count: '2' }, 5)).toMatchObject({ ok: true });
  });

  it('refuses zero, signs, fractions, too large and empty counts', () => {
    for (const count of ['0', '-3', '+3', '1.5', '10001', '', 'abc', '1e3']) {
      expect(stockMove({ ...base, kind: 'received', count }, 100)).toEqual({
        ok: false,
        problem: 'count',
      });
    }
  });

  it('lets an adjustment be signed, but never zero', () => {
    expect(stockMove({ ...base, kind: 'adjusted', count: '-4' }, 0)).toMatchObject({
      ok: true,
      args: { count: -4 },
    });
    expect(stockMove({ ...base, kind: 'adjusted', count: '+4' }, 0)).toMatchObject({
      ok: true,
      args: { count: 4 },
    });
    expect(stockMove({ ...base, kind: 'adjusted', count: '0' }, 0)).toEqual({
      ok: false,
      problem: 'count',
    });
  });

  it('wants a note of 3 to 200 characters', () => {
    expect(stockMove({ ...base, kind: 'received', count: '1', note: ' ab ' }, 0)).toEqual({
      ok: false,
      problem: 'note',
    });
    expect(stockMove({ ...base, kind: 'received', count: '1', note: 'x'.repeat(201) }, 0)).toEqual({
      ok: false,
      problem: 'note',
    });
  });

  it('refuses spoiling more than is on hand', () => {
    expect(stockMove({ ...base, kind: 'spoiled', count: '6' }, 5)).toEqual({
      ok: false,
      problem: 'spoiledTooMany',
    });
  });
});

describe('small formatting rules', () => {
  it('signs deltas with a real minus', () => {
    expect(signedCount(50)).toBe('+50');
    expect(signedCount(-1)).toBe('\u22121');
    expect(signedCount(0)).toBe('0');
  });

  it('lets only supervisors and admins adjust', () => {
    expect(canAdjustStock('operator')).toBe(false);
    expect(canAdjustStock('kiosk')).toBe(false);
    expect(canAdjustStock('supervisor')).toBe(true);
    expect(canAdjustStock('admin')).toBe(true);
  });

  it('names check files by day only', () => {
    expect(checkFileName('sheet', '2026-12-02')).toBe('cek-perangkat-2026-12-02.pdf');
    expect(checkFileName('test-page', '2026-12-02')).toBe('halaman-uji-2026-12-02.pdf');
  });
});

describe('camera line for the check sheet', () => {
  it('passes with the frame size, in Bahasa Indonesia', () => {
    expect(
      cameraLine({ kind: 'frame', width: 640, height: 480, label: 'fake_device_0', ms: 212 }),
    ).toEqual({
      passed: true,
      detail: 'fake_device_0: bingkai 640×480 piksel diterima dalam 212 ms',
    });
  });

  it('fails without a frame or without a camera, saying why', () => {
    expect(cameraLine({ kind: 'no-frame', seconds: 8, label: '' })).toEqual({
      passed: false,
      detail: 'tidak ada bingkai dalam 8 detik',
    });
    expect(cameraLine({ kind: 'no-camera', error: 'NotAllowedError' })).toEqual({
      passed: false,
      detail: 'Kamera tidak dapat dibuka (izin kamera ditolak)',
    });
    expect(cameraLine({ kind: 'no-camera', error: 'NotFoundError' }).detail).toMatch(
      /tidak ada kamera/,
    );
  });
});

describe('low-stock threshold', () => {
  it('takes a whole number 0 to 100000', () => {
    expect(thresholdValue(' 20 ')).toBe(20);
    expect(thresholdValue('0')).toBe(0);
    expect(thresholdValue('100000')).toBe(100000);
    for (const text of ['', '-1', '1.5', '100001', 'dua puluh']) {
      expect(thresholdValue(text), text).toBeNull();
    }
  });
});

describe('training district change', () => {
  it('is timed now and carries a note only when one was typed', () => {
    const now = new Date('2026-12-02T03:04:05.000Z');
    expect(trainingChange('r1', 'prr', '  ', now)).toEqual({
      id: 'r1',
      status: 'prr',
      at: '2026-12-02T03:04:05.000Z',
    });
    expect(trainingChange('r1', 'duplicate', ' ABIS cocok ', now)).toEqual({
      id: 'r1',
      status: 'duplicate',
      at: '2026-12-02T03:04:05.000Z',
      note: 'ABIS cocok',
    });
  });
});
