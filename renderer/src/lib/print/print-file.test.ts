import { describe, expect, it } from 'vitest';
import { previewBox, printFileName, PX_PER_MM } from './print-file';

describe('print helpers', () => {
  it('scales an A4 preview down to the space there is, never up', () => {
    const a4 = previewBox({ width: 210, height: 297 }, 2, 397);
    expect(a4.width).toBeCloseTo(210 * PX_PER_MM);
    expect(a4.height).toBeCloseTo(297 * 2 * PX_PER_MM);
    expect(a4.scale).toBeCloseTo(397 / (210 * PX_PER_MM));
    expect(previewBox({ width: 85.6, height: 54 }, 1, 2000).scale).toBe(1);
  });

  it('names the download without personal data', () => {
    expect(printFileName('kk', '2026-12-02', [1])).toBe('kk-2026-12-02-salinan-1.pdf');
    expect(printFileName('f-1.02', '2026-12-02', [3, 4])).toBe('f-1.02-2026-12-02-salinan-3-4.pdf');
    expect(printFileName('kia', '2026-12-02', [])).toBe('kia-2026-12-02.pdf');
  });
});
