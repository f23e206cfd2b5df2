import type { RawLayout } from '../contract';
import { toHex } from './uid';

/**
 * Raw-report readers (docs/devices.md): the value sits at a configured place in a vendor input
 * report. With `reportId` set, the first byte must be that id and offsets count from the byte
 * after it. The length is fixed, or read from a length byte (then `length` is the maximum).
 */
export type RawRefusal =
  /** Another report id: not a read (status or keep-alive reports); ignored quietly. */
  | 'other-report'
  | 'too-short'
  | 'bad-length'
  /** Zero length, all-zero UID bytes or blank text: "no card" reports of some readers. */
  | 'empty'
  | 'not-text';

export type RawResult = { ok: true; value: string } | { ok: false; reason: RawRefusal };

export function parseRawReport(report: Uint8Array, layout: RawLayout): RawResult {
  let body = report;
  if (layout.reportId !== null) {
    if (report.length === 0 || report[0] !== layout.reportId)
      return { ok: false, reason: 'other-report' };
    body = report.subarray(1);
  }
  let length = layout.length;
  if (layout.lengthByteOffset !== null) {
    const byte = body[layout.lengthByteOffset];
    if (byte === undefined) return { ok: false, reason: 'too-short' };
    if (byte === 0) return { ok: false, reason: 'empty' };
    if (byte > layout.length) return { ok: false, reason: 'bad-length' };
    length = byte;
  }
  if (layout.offset + length > body.length) return { ok: false, reason: 'too-short' };
  const bytes = body.slice(layout.offset, layout.offset + length);
  if (layout.encoding === 'ascii') return asciiValue(bytes);
  if (bytes.every((b) => b === 0)) return { ok: false, reason: 'empty' };
  if (layout.encoding === 'uid-hex-reversed') bytes.reverse();
  return { ok: true, value: toHex(bytes) };
}

const WHITESPACE = new Set([0x09, 0x0a, 0x0d]);

/** Printable ASCII up to the first NUL (fixed fields are NUL-padded), trimmed (CR/LF suffixes). */
function asciiValue(bytes: Uint8Array): RawResult {
  const end = bytes.indexOf(0);
  const text = bytes.subarray(0, end === -1 ? bytes.length : end);
  if (text.some((b) => (b < 0x20 && !WHITESPACE.has(b)) || b > 0x7e))
    return { ok: false, reason: 'not-text' };
  const value = String.fromCharCode(...text).trim();
  return value ? { ok: true, value } : { ok: false, reason: 'empty' };
}
