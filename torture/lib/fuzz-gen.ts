/**
 * Argument generation for the fuzzer (torture/fuzz.ts): a seeded random source, values that fit a
 * handler's JSON Schema (converted from its zod schema), and mutations that break them.
 */

import { seeded } from './random';

/** Schema subset that zod's toJSONSchema produces for the station's handlers. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** The seeded PRNG (the same sequence for the same seed on every machine) with fuzzing helpers. */
export class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = seeded(seed);
  }
  next(): number {
    return this.#next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** Values seen on the station (NIKs, ids, codes), offered for fields whose name matches. */
export type ValuePool = Map<string, string[]>;

/** Field name -> pool key; a field not listed draws from no pool. */
const POOL_FOR_FIELD: Record<string, string> = {
  nik: 'nik',
  kkNumber: 'kk',
  serviceCode: 'service',
  ticketId: 'ticket',
  id: 'id',
  applicationId: 'application',
  residentRef: 'ref',
  ref: 'ref',
  number: 'number',
  check: 'check',
  uid: 'uid',
  cardUid: 'uid',
  importId: 'import',
  villageCode: 'village',
};

export function addToPool(pool: ValuePool, key: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) return;
  const list = pool.get(key) ?? [];
  if (list.includes(value)) return;
  list.push(value);
  if (list.length > 200) list.shift();
  pool.set(key, list);
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomText(rng: Rng, min: number, max: number, alphabet = ALNUM): string {
  const length = rng.int(min, Math.max(min, Math.min(max, min + 24)));
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[rng.int(0, alphabet.length - 1)];
  return text;
}

function hex(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += '0123456789abcdef'[rng.int(0, 15)];
  return text;
}

function uuid(rng: Rng): string {
  const h = hex(rng, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Expands a character class body like `a-z0-9._-` into its characters. */
function expandClass(body: string): string {
  let chars = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    const to = body[i + 2];
    if (body[i + 1] === '-' && to !== undefined && i + 2 < body.length) {
      for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) {
        chars += String.fromCharCode(code);
      }
      i += 2;
    } else chars += c;
  }
  return chars;
}

/**
 * Strings for the simple patterns the contract uses (`^[class]{n}$`, `^[class]{m,n}$`,
 * `^[class]*...$`); null for anything else (the caller then sends plain text, a refusal).
 */
function fromPattern(rng: Rng, pattern: string): string | null {
  const match = /^\^\[([^\]]+)\](\{(\d+)(,(\d+))?\}|\*|\+)(\S*)\$$/.exec(pattern);
  if (!match) return null;
  const chars = expandClass((match[1] as string).replace(/\\/g, ''));
  const [min, max] =
    match[2] === '*'
      ? [0, 40]
      : match[2] === '+'
        ? [1, 40]
        : [Number(match[3]), Number(match[5] ?? match[3])];
  return randomText(rng, min, max, chars);
}

function isoDate(rng: Rng): string {
  const y = rng.int(1940, 2030);
  const m = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function stringFor(rng: Rng, schema: JsonSchema, field: string, pool: ValuePool): string {
  const poolKey = POOL_FOR_FIELD[field];
  const offered = poolKey ? pool.get(poolKey) : undefined;
  if (offered && offered.length > 0 && rng.chance(0.6)) return rng.pick(offered);
  if (schema.format === 'uuid') return uuid(rng);
  if (schema.format === 'date-time') return `${isoDate(rng)}T0${rng.int(0, 9)}:15:00.000Z`;
  if (schema.format === 'date' || /date|day/i.test(field)) return isoDate(rng);
  if (schema.pattern) {
    const made = fromPattern(rng, schema.pattern);
    if (made !== null) return made;
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 64;
  return randomText(rng, min, max);
}

function numberFor(rng: Rng, schema: JsonSchema, isInteger: boolean): number {
  const low = schema.minimum ?? (schema.exclusiveMinimum ?? -1000) + (isInteger ? 1 : 0.001);
  const high = schema.maximum ?? (schema.exclusiveMaximum ?? 1000) - (isInteger ? 1 : 0.001);
  const lo = Math.max(low, -1e6);
  const hi = Math.min(high, Math.max(lo, 1e6));
  if (rng.chance(0.3)) return rng.pick([lo, hi]);
  const value = lo + rng.next() * (hi - lo);
  return isInteger ? Math.round(value) : value;
}

/** A value meant to pass the schema (it may still be refused by the handler's own rules). */
export function generate(
  rng: Rng,
  schema: JsonSchema,
  pool: ValuePool,
  field = '',
  depth = 0,
): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rng.pick(schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return generate(rng, rng.pick(choices), pool, field, depth + 1);
  if (schema.allOf?.[0]) return generate(rng, schema.allOf[0], pool, field, depth + 1);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || rng.chance(0.5)) {
          out[key] = generate(rng, child, pool, key, depth + 1);
        }
      }
      if (typeof schema.additionalProperties === 'object' && depth < 6) {
        const count = rng.int(0, 3);
        for (let i = 0; i < count; i++) {
          const key = schema.propertyNames
            ? (generate(rng, schema.propertyNames, pool, '', depth + 1) as string)
            : randomText(rng, 1, 12);
          out[key] = generate(rng, schema.additionalProperties, pool, key, depth + 1);
        }
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 4, min + 4);
      const count = depth > 6 ? min : rng.int(min, max);
      return Array.from({ length: count }, () =>
        generate(rng, schema.items ?? {}, pool, field, depth + 1),
      );
    }
    case 'string':
      return stringFor(rng, schema, field, pool);
    case 'integer':
      return numberFor(rng, schema, true);
    case 'number':
      return numberFor(rng, schema, false);
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    default:
      return rng.pick<unknown>([0, 'x', true, null, {}, []]);
  }
}

/**
 * A literal piece of JSON text (`1e999`, `-0`, a duplicate key): JSON.stringify cannot write these,
 * `toWire` writes them as they are.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson pieces and own `__proto__` keys. */
export function toWire(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toWire).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.keys(value).map(
      (key) => `${JSON.stringify(key)}:${toWire((value as Record<string, unknown>)[key])}`,
    );
    return `{${parts.join(',')}}`;
  }
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** An object with an own property named `__proto__` (a plain literal would set the prototype). */
export function withProtoKey(target: Record<string, unknown>, value: unknown): object {
  const copy: Record<string, unknown> = { ...target };
  Object.defineProperty(copy, '__proto__', { value, enumerable: true, writable: true });
  return copy;
}

const UNICODE_SAMPLES = [
  '\u0000',
  '\u202e\u0041\u0042',
  '\ud800',
  '\udfff\ud800',
  'A\u0301\u0301\u0301',
  '🇮🇩🧑‍🤝‍🧑',
  '\ufeff',
  '\u2028\u2029',
  'ＮＩＫ',
  '𝟏𝟔𝟎𝟐',
  'İı',
  '\u200b\u200c\u200d',
  "'; DROP TABLE residents; --",
  '../../../etc/passwd',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
];

export const MUTATIONS = [
  'wrong-type',
  'huge-string',
  'empty-string',
  'unicode',
  'number-edge',
  'deep-nesting',
  'proto-key',
  'extra-key',
  'missing-key',
  'null-args',
  'array-args',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

function wrongTypeFor(rng: Rng, value: unknown): unknown {
  const options: unknown[] = [
    0,
    -1,
    1.5,
    '',
    '1',
    true,
    false,
    null,
    [],
    {},
    [value],
    { value },
    new RawJson('1e999'),
    new RawJson('-0'),
  ];
  return rng.pick(options.filter((o) => typeof o !== typeof value || Array.isArray(value)));
}

function nested(depth: number, asArray: boolean): unknown {
  return new RawJson(
    asArray
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );
}

function edgeNumber(rng: Rng): unknown {
  return rng.pick<unknown>([
    new RawJson('1e999'),
    new RawJson('-1e999'),
    new RawJson('-0'),
    new RawJson('1e-400'),
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER - 2,
    2 ** 31,
    -(2 ** 31) - 1,
    0.1 + 0.2,
    new RawJson('123456789012345678901234567890'),
  ]);
}

type Json = Record<string, unknown>;

/** Paths to every object in a value (the root first). */
function objectsIn(value: unknown, out: Json[] = []): Json[] {
  if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) {
    if (!Array.isArray(value)) out.push(value as Json);
    for (const child of Object.values(value)) objectsIn(child, out);
  }
  return out;
}

/** Breaks generated arguments with one mutation (in place where possible); returns the result. */
export function mutate(rng: Rng, args: unknown, kind: Mutation): unknown {
  if (kind === 'null-args') return rng.pick<unknown>([null, undefined, 0, 'args', true]);
  if (kind === 'array-args') return [args];
  const objects = objectsIn(args);
  if (objects.length === 0) return args;
  const target = rng.pick(objects);
  const keys = Object.keys(target);
  const key = keys.length > 0 ? rng.pick(keys) : null;
  switch (kind) {
    case 'extra-key':
      target[rng.pick(['extra', 'role', 'constructor', 'toString', 'isAdmin', 'a'.repeat(300)])] =
        rng.pick<unknown>([1, 'x', true, null, {}]);
      return args;
    case 'proto-key': {
      const replaced = withProtoKey(target, rng.pick<unknown>([{ role: 'admin' }, null, 'x', 1]));
      return target === args ? replaced : (replaceIn(args, target, replaced), args);
    }
    case 'missing-key':
      if (key) delete target[key];
      return args;
    case 'deep-nesting': {
      const depth = rng.pick([64, 1000, 10_000, 100_000]);
      if (key) target[key] = nested(depth, rng.chance(0.5));
      else target['deep'] = nested(depth, rng.chance(0.5));
      return args;
    }
    default:
      break;
  }
  if (!key) {
    target['x'] = kind === 'huge-string' ? 'x'.repeat(1 << 20) : '';
    return args;
  }
  switch (kind) {
    case 'wrong-type':
      target[key] = wrongTypeFor(rng, target[key]);
      break;
    case 'huge-string':
      target[key] = rng
        .pick(['a', '9', '\u00e9', '🧑'])
        .repeat(rng.pick([1_000, 100_000, 2_000_000]));
      break;
    case 'empty-string':
      target[key] = rng.pick(['', ' ', '\t\n', '\u3000']);
      break;
    case 'unicode': {
      const current = typeof target[key] === 'string' ? (target[key] as string) : '';
      const sample = rng.pick(UNICODE_SAMPLES);
      target[key] = rng.chance(0.5) ? sample : current.slice(0, 8) + sample + current.slice(8);
      break;
    }
    case 'number-edge':
      target[key] = edgeNumber(rng);
      break;
  }
  return args;
}

function replaceIn(root: unknown, from: object, to: object): void {
  if (root === null || typeof root !== 'object' || root instanceof RawJson) return;
  for (const [key, child] of Object.entries(root)) {
    if (child === from) (root as Json)[key] = to;
    else replaceIn(child, from, to);
  }
}
