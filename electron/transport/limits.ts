/**
 * Limits on what one message may be (issue 13 finding 1.12): checked before any handler sees it,
 * and for socket text before JSON.parse, so one crafted frame can neither block the event loop
 * nor slip a prototype key past zod (docs/decisions.md, "Message limits").
 */

/**
 * The largest message a socket accepts. The biggest legitimate calls are the kiosk and desk
 * submissions (up to 12 photos of 300 KiB, ~4.9 MB as base64) and a KTP-el recording (a 2 MiB
 * portrait and a 1 MiB signature as base64, ~4.2 MB, plus strokes).
 */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
/** What a handler accepts unless its spec says `maxBytes`. */
export const DEFAULT_CALL_BYTES = 64 * 1024;
/** The size limit of the handlers that carry photos, signatures or import chunks. */
export const LARGE_CALL_BYTES = MAX_MESSAGE_BYTES;
/** Nesting of objects and arrays; the deepest legitimate call (a signature's points) has 6. */
export const MAX_DEPTH = 32;
/** Object keys plus array elements in one message; a full signature has ~25,000 values. */
export const MAX_ITEMS = 100_000;
/**
 * Field names refused anywhere in a message: zod drops them silently, and code that copies
 * arguments into a fresh object would turn them into prototype changes.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export type LimitProblem =
  | { kind: 'too-large'; bytes: number }
  | { kind: 'too-deep' }
  | { kind: 'too-many-items' }
  | { kind: 'forbidden-key'; key: string }
  | { kind: 'not-plain' };

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const COLON = 0x3a; // :
const COMMA = 0x2c; // ,

/**
 * One pass over JSON text, without parsing it: refuses nesting deeper than MAX_DEPTH and more
 * than MAX_ITEMS keys and elements. Invalid JSON passes here and fails in JSON.parse.
 */
export function scanJsonText(text: string): LimitProblem | null {
  let depth = 0;
  let items = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) isInString = false;
      continue;
    }
    if (c === QUOTE) isInString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > MAX_DEPTH) return { kind: 'too-deep' };
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COLON || c === COMMA) {
      if (++items > MAX_ITEMS) return { kind: 'too-many-items' };
    }
  }
  return null;
}

/**
 * Walks a parsed (or structured-cloned) message: the same depth and item limits, no forbidden
 * key at any level, only plain JSON values. Returns the problem, or the message's approximate
 * JSON size (what an in-process transport has instead of a wire size).
 */
export function checkMessage(value: unknown): { problem: LimitProblem } | { bytes: number } {
  let items = 0;
  let bytes = 0;
  const walk = (node: unknown, depth: number): LimitProblem | null => {
    // An absent optional field of an in-process message (JSON drops it).
    if (node === undefined) return null;
    if (node === null || typeof node === 'boolean') {
      bytes += 5;
      return null;
    }
    if (typeof node === 'number') {
      bytes += 8;
      return null;
    }
    if (typeof node === 'string') {
      bytes += node.length + 2;
      return null;
    }
    if (typeof node !== 'object') return { kind: 'not-plain' };
    if (depth >= MAX_DEPTH) return { kind: 'too-deep' };
    if (Array.isArray(node)) {
      items += node.length;
      if (items > MAX_ITEMS) return { kind: 'too-many-items' };
      bytes += 2 + node.length;
      for (const element of node) {
        const problem = walk(element, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    const prototype = Object.getPrototypeOf(node) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return { kind: 'not-plain' };
    const keys = Object.keys(node);
    items += keys.length;
    if (items > MAX_ITEMS) return { kind: 'too-many-items' };
    bytes += 2;
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', key };
      bytes += key.length + 4;
      const problem = walk((node as Record<string, unknown>)[key], depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  const problem = walk(value, 0);
  return problem ? { problem } : { bytes };
}

/**
 * The call id of a refused text message, read without parsing it, so the client's call can be
 * answered. Finds `"id":<digits>` only where the renderer's and the Client's JSON put it.
 */
export function peekCallId(text: string): number {
  const match = /^\s*\{\s*"kind"\s*:\s*"call"\s*,\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(
    text.slice(0, 80),
  );
  return match ? Number(match[1]) : -1;
}
