import { describe, expect, it } from 'vitest';
import { decodeQr, type RgbaImage } from './qr-scan';

const LINK = 'LAKONMANDIRA:STATUS/OKI-KJU01-20261129-0001/7K3M9QXD';

/**
 * The receipt's QR of LINK (qrcode 1.5.4, error correction M, version 3), module by module, so
 * this test needs no encoder (the renderer has none, and its types would bring in Node's).
 */
const MODULES = [
  '#######.#.#.#.#######.#######',
  '#.....#.##.#.....#.#..#.....#',
  '#.###.#.##.##..#..###.#.###.#',
  '#.###.#..#..#.....###.#.###.#',
  '#.###.#.#..#..#..####.#.###.#',
  '#.....#..#..#..#.##...#.....#',
  '#######.#.#.#.#.#.#.#.#######',
  '.........##.##.#..###........',
  '#..######....#......##..#.###',
  '##.#........##.#.#...#.##...#',
  '..###.#.##.#.#...#...##...##.',
  '#####...######.####....###.##',
  '..#.###.#..#.#...######.####.',
  '####...##....##..#.#..##...##',
  '#.#######.#.##..#.#....######',
  '..#..#.#..#.#..#.##.##..##.#.',
  '.##.####..###.#....###..#.#..',
  '#.##.#..##.#.##....#.###..##.',
  '#######..#.##..####..###.#.#.',
  '##.###.#.##...#.##...##.#.###',
  '##.#..#####..##..########..#.',
  '........####..#######...#..#.',
  '#######.#.###.#####.#.#.##.#.',
  '#.....#.#..##.#..##.#...#.#..',
  '#.###.#.#.##.######.#####.##.',
  '#.###.#.##.#......#......#.#.',
  '#.###.#..#.###.#..###.###..##',
  '#.....#..##.##.##.###..#..#..',
  '#######.#####.#..##..##..#.#.',
];

/** The modules drawn `scale` px each with a 4-module quiet zone; `isInverted` swaps the colours. */
function render(scale: number, isInverted = false): RgbaImage {
  const size = (MODULES.length + 8) * scale;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = MODULES[Math.floor(y / scale) - 4] ?? '';
      const isDark = row[Math.floor(x / scale) - 4] === '#';
      const v = isDark !== isInverted ? 0 : 255;
      data.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return { data, width: size, height: size };
}

describe('decodeQr', () => {
  it('reads the status link of a receipt', () => {
    expect(decodeQr(render(4))).toBe(LINK);
  });

  it('finds nothing in a blank frame', () => {
    const blank = { data: new Uint8ClampedArray(200 * 100 * 4).fill(255), width: 200, height: 100 };
    expect(decodeQr(blank)).toBeNull();
  });

  it('reads light-on-dark codes only when asked to', () => {
    expect(decodeQr(render(4, true))).toBeNull();
    expect(decodeQr(render(4, true), 'attemptBoth')).toBe(LINK);
    // jsQR keeps options between calls; the default must still mean dark-on-light only.
    expect(decodeQr(render(4, true))).toBeNull();
  });
});
