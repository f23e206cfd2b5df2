import { describe, expect, it } from 'vitest';
import { deskLabel, nextDeskName, qrShape } from './lan-pure';

describe('LAN screen helpers', () => {
  it('offers the lowest free desk from meja-2 on', () => {
    expect(nextDeskName([])).toBe('meja-2');
    expect(nextDeskName([{ desk: 'meja-2' }, { desk: null }, { desk: 'meja-4' }])).toBe('meja-3');
    expect(deskLabel('meja-12')).toBe('Meja 12');
    expect(deskLabel('loket-a')).toBe('loket-a');
  });

  it("takes the station's QR apart into a size and a path of unit squares, nothing else", () => {
    // The form of electron/core/common/qr-svg.ts.
    const station =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" width="80mm" height="80mm" ' +
      'shape-rendering="crispEdges" role="img"><rect width="29" height="29" fill="#fff"/>' +
      '<path d="M4 4h1v1h-1zM5 4h1v1h-1z" fill="#000"/></svg>';
    expect(qrShape(station)).toEqual({ size: 29, path: 'M4 4h1v1h-1zM5 4h1v1h-1z' });
    expect(qrShape('<svg viewBox="0 0 9 9"><script>alert(1)</script></svg>')).toBeNull();
    expect(qrShape('<svg viewBox="0 0 9 9"><path d="M1 1h1v1h-1z" onload="x"/></svg>')).toEqual({
      size: 9,
      path: 'M1 1h1v1h-1z',
    });
  });
});
