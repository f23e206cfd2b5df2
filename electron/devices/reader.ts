import type { DeviceConfig, DeviceRole } from '../contract';
import { parseRawReport } from './raw';
import { normalizeUid } from './uid';
import { uidFromText } from './uid-text';
import { EMPTY_WEDGE, wedgeReport, type WedgeState } from './wedge';

/** A raw reader repeats its report while the card lies on it: one tap is one read. */
export const RAW_REPEAT_MS = 1_000;

export type ReadOutcome =
  | { kind: 'value'; value: string }
  /** Not a value: why, for the log (never the bytes: they may be a person's card). */
  | { kind: 'refused'; reason: string }
  | { kind: 'none' };

const NONE: ReadOutcome = { kind: 'none' };

/** Turns one configured device's reports into values for its role. One per open device. */
export class ReportReader {
  readonly #role: DeviceRole;
  readonly #config: DeviceConfig;
  #wedge: WedgeState = EMPTY_WEDGE;
  #last: { value: string; at: number } | null = null;

  constructor(role: DeviceRole, config: DeviceConfig) {
    this.#role = role;
    this.#config = config;
  }

  report(bytes: Uint8Array, at: number): ReadOutcome {
    return this.#config.format === 'raw' ? this.#raw(bytes, at) : this.#wedgeReport(bytes, at);
  }

  #wedgeReport(bytes: Uint8Array, at: number): ReadOutcome {
    const step = wedgeReport(this.#wedge, bytes, at);
    this.#wedge = step.state;
    if (step.value === null)
      return step.dropped && step.dropped !== 'partial-report'
        ? { kind: 'refused', reason: `wedge ${step.dropped}` }
        : NONE;
    if (this.#role === 'scanner') return text(step.value);
    const uid = uidFromText(step.value, this.#config.uidText ?? 'hex');
    return uid.ok ? { kind: 'value', value: uid.uid } : { kind: 'refused', reason: uid.reason };
  }

  #raw(bytes: Uint8Array, at: number): ReadOutcome {
    const layout = this.#config.raw;
    if (!layout) return { kind: 'refused', reason: 'raw format without a layout' };
    const parsed = parseRawReport(bytes, layout);
    if (!parsed.ok)
      return parsed.reason === 'other-report' || parsed.reason === 'empty'
        ? NONE
        : { kind: 'refused', reason: `raw ${parsed.reason}` };
    const outcome = this.#role === 'scanner' ? text(parsed.value) : toUid(parsed.value);
    if (outcome.kind !== 'value') return outcome;
    const isRepeat =
      this.#last !== null &&
      this.#last.value === outcome.value &&
      at - this.#last.at < RAW_REPEAT_MS;
    this.#last = { value: outcome.value, at };
    return isRepeat ? NONE : outcome;
  }
}

function text(value: string): ReadOutcome {
  const trimmed = value.trim();
  return trimmed ? { kind: 'value', value: trimmed } : NONE;
}

function toUid(value: string): ReadOutcome {
  const uid = normalizeUid(value);
  return uid
    ? { kind: 'value', value: uid }
    : { kind: 'refused', reason: 'not a 4, 7 or 10 byte UID' };
}
