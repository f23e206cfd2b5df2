import { describe, expect, it } from 'vitest';
import { qrSvg } from './qr-svg';

describe('qrSvg', () => {
  it('draws a self-contained SVG', () => {
    const svg = qrSvg('LAKONMANDIRA:STATUS/OKI-KJU01-20261129-0007/5V8AKWAS', 30);
    expect(svg).toMatch(/^<svg [^>]*width="30mm" height="30mm"/);
    expect(svg).not.toMatch(/href|src=|url\(/);
  });
});
