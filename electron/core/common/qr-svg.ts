import QRCode from 'qrcode';

/**
 * A QR code as an inline SVG (no external resources; print templates run without scripts).
 * Error correction M: a receipt is handled, folded and carried in a pocket.
 */
export function qrSvg(text: string, sizeMm: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const total = size + quiet * 2;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" ` +
    `width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges" role="img">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
