import type { SignatureStroke } from '../../../../electron/contract';
import { bytesToBase64 } from '../media/jpeg';
import { lineWidth } from './strokes';

export const INK = '#0b1f5c';

/** Draws strokes: each segment as wide as its points' mean pressure, a lone point as a dot. */
export function drawStrokes(
  context: CanvasRenderingContext2D,
  strokes: readonly SignatureStroke[],
): void {
  context.strokeStyle = INK;
  context.fillStyle = INK;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const { points } of strokes) {
    const [first] = points;
    if (!first) continue;
    if (points.length === 1) {
      context.beginPath();
      context.arc(first.x, first.y, lineWidth(first.p) / 2, 0, Math.PI * 2);
      context.fill();
      continue;
    }
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1] ?? first;
      const b = points[i] ?? first;
      context.lineWidth = lineWidth((a.p + b.p) / 2);
      context.beginPath();
      context.moveTo(a.x, a.y);
      context.lineTo(b.x, b.y);
      context.stroke();
    }
  }
}

/** The strokes as a PNG of exactly width × height (ink on white), base64 without a prefix. */
export async function strokesToPng(
  strokes: readonly SignatureStroke[],
  width: number,
  height: number,
): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  drawStrokes(context, strokes);
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
  if (!blob) throw new Error('The canvas did not encode a PNG');
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}
