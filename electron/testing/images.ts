import { crc32, deflateSync } from 'node:zlib';

/**
 * Real images for tests (test code only): a baseline JPEG whose 8×8 blocks are each one colour
 * (so only DC coefficients are coded, with the standard DC Huffman table and an EOB-only AC
 * table), and a PNG. Both decode in Chromium and ImageMagick; the core's parsers read them.
 */

export type Rgb = readonly [number, number, number];

class BitWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #count = 0;

  write(code: number, length: number): void {
    for (let k = length - 1; k >= 0; k--) {
      this.#acc = (this.#acc << 1) | ((code >> k) & 1);
      if (++this.#count === 8) this.#flushByte();
    }
  }

  finish(): void {
    while (this.#count !== 0) this.write(1, 1);
  }

  #flushByte(): void {
    this.bytes.push(this.#acc);
    if (this.#acc === 0xff) this.bytes.push(0); // byte stuffing
    this.#acc = 0;
    this.#count = 0;
  }
}

/** Standard luminance DC table (ITU T.81 K.3): code lengths per category 0..11. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_CODES = canonicalCodes(DC_BITS);

function canonicalCodes(bits: number[]): { code: number; length: number }[] {
  const out: { code: number; length: number }[] = [];
  let code = 0;
  bits.forEach((count, k) => {
    for (let j = 0; j < count; j++) out.push({ code: code++, length: k + 1 });
    code <<= 1;
  });
  return out;
}

const segment = (marker: number, body: number[]): number[] => [
  0xff,
  marker,
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];

function toYcc([r, g, b]: Rgb): [number, number, number] {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  return [y, cb, cr].map((v) => Math.max(0, Math.min(255, Math.round(v)))) as [
    number,
    number,
    number,
  ];
}

/**
 * A width × height JPEG (multiples of 8) where `colour(bx, by)` paints block (bx, by).
 * `padding` adds COM segments of that many bytes in total (to test size limits).
 */
export function blockJpeg(
  width: number,
  height: number,
  colour: (bx: number, by: number) => Rgb,
  padding = 0,
): Buffer {
  if (width % 8 !== 0 || height % 8 !== 0) throw new Error('multiples of 8 only');
  // DC quantiser 8: a flat block of value v has DC 8·(v − 128), so it codes as v − 128.
  const dqt = [0, 8, ...Array<number>(63).fill(16)];
  const sof = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  for (const id of [1, 2, 3]) sof.push(id, 0x11, 0);
  const dhtDc = [0x00, ...DC_BITS, ...Array.from({ length: 12 }, (_, k) => k)];
  const dhtAc = [0x10, 1, ...Array<number>(15).fill(0), 0x00]; // one symbol: EOB, code '0'
  const sos = [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0];
  const bits = new BitWriter();
  const previous = [0, 0, 0];
  for (let by = 0; by < height / 8; by++) {
    for (let bx = 0; bx < width / 8; bx++) {
      toYcc(colour(bx, by)).forEach((value, c) => {
        const dc = value - 128;
        const diff = dc - (previous[c] ?? 0);
        previous[c] = dc;
        const magnitude = Math.abs(diff);
        const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
        const huff = DC_CODES[category];
        if (!huff) throw new Error(`DC category ${category}`);
        bits.write(huff.code, huff.length);
        if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
        bits.write(0, 1); // EOB
      });
    }
  }
  bits.finish();
  const comments: number[] = [];
  for (let left = padding; left > 0; left -= 65000) {
    comments.push(...segment(0xfe, Array<number>(Math.min(left, 65000)).fill(0x20)));
  }
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...comments,
    ...segment(0xdb, dqt),
    ...segment(0xc0, sof),
    ...segment(0xc4, dhtDc),
    ...segment(0xc4, dhtAc),
    ...segment(0xda, sos),
    ...bits.bytes,
    0xff,
    0xd9,
  ]);
}

/**
 * A head-and-shoulders silhouette on a background of the given colour: the kind of frame the
 * portrait step sends (480 × 640 unless told otherwise).
 */
export function portraitJpeg(
  background: Rgb = [200, 30, 30],
  size = { width: 480, height: 640 },
  padding = 0,
): Buffer {
  const cols = size.width / 8;
  const rows = size.height / 8;
  return blockJpeg(
    size.width,
    size.height,
    (bx, by) => {
      const dx = (bx - cols / 2) / (cols * 0.2);
      const dy = (by - rows * 0.4) / (rows * 0.22);
      if (dx * dx + dy * dy < 1) return [224, 172, 138]; // face
      if (by > rows * 0.68 && Math.abs(bx - cols / 2) < cols * 0.4) return [40, 40, 60]; // shoulders
      return background;
    },
    padding,
  );
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A greyscale PNG with a dark diagonal line, width × height: the signature image. */
export function signaturePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    const x = Math.round((y / height) * (width - 1));
    raw[y * (width + 1) + 1 + x] = 0;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
