import { describe, expect, it } from 'vitest';
import { jpegSize, pngSize } from './image';
import { blockJpeg, portraitJpeg, signaturePng } from '../../testing/images';

describe('jpegSize', () => {
  it('reads the frame size of a baseline JPEG, with or without extra segments', () => {
    expect(jpegSize(portraitJpeg())).toEqual({ width: 480, height: 640 });
    expect(jpegSize(blockJpeg(64, 16, () => [0, 0, 0], 70_000))).toEqual({ width: 64, height: 16 });
  });

  it('refuses what only looks like a JPEG', () => {
    const good = portraitJpeg();
    const sos = good.indexOf(Buffer.from([0xff, 0xda]));
    const sof = good.indexOf(Buffer.from([0xff, 0xc0]));
    const noSof = Buffer.concat([
      good.subarray(0, sof),
      good.subarray(sof + 2 + good.readUInt16BE(sof + 2)),
    ]);
    const twelveBit = Buffer.from(good);
    twelveBit[sof + 4] = 12;
    const zeroWidth = Buffer.from(good);
    zeroWidth.writeUInt16BE(0, sof + 7);
    const badLength = Buffer.from(good);
    badLength.writeUInt16BE(0xfff0, 4);
    const cases: [string, Uint8Array][] = [
      ['empty', Buffer.alloc(0)],
      ['markers only', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
      ['no EOI', good.subarray(0, good.length - 2)],
      ['cut before SOS', Buffer.concat([good.subarray(0, sos), Buffer.from([0xff, 0xd9])])],
      ['no SOF', noSof],
      ['12-bit', twelveBit],
      ['zero width', zeroWidth],
      ['length past the end', badLength],
      ['a PNG', signaturePng(10, 10)],
    ];
    for (const [name, bytes] of cases) expect(jpegSize(bytes), name).toBeNull();
  });
});

describe('pngSize', () => {
  it('reads IHDR after checking every chunk', () => {
    expect(pngSize(signaturePng(600, 200))).toEqual({ width: 600, height: 200 });
  });

  it('refuses a broken PNG', () => {
    const good = signaturePng(60, 20);
    const badCrc = Buffer.from(good);
    badCrc[20] = (badCrc[20] ?? 0) ^ 0xff; // inside IHDR's data
    const trailing = Buffer.concat([good, Buffer.from([0])]);
    const cases: [string, Uint8Array][] = [
      ['bad CRC', badCrc],
      ['cut', good.subarray(0, good.length - 4)],
      ['trailing bytes', trailing],
      ['a JPEG', portraitJpeg()],
      ['signature only', good.subarray(0, 8)],
    ];
    for (const [name, bytes] of cases) expect(pngSize(bytes), name).toBeNull();
  });
});
