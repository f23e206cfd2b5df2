import type { BucketRule } from './buckets';
import type { DelayRule } from './growing-delay';

/**
 * What the anonymous (kiosk-role) handlers cost (issue 13 finding 1.9). `read` is the catalogue,
 * code lists, villages, consent and field checks; `lookup` answers about a person or an
 * application (identify, identify by card, status check, receipt reprint); `ticket` takes or
 * prints a queue ticket; `submit` stores an application with its photos.
 */
export const CALL_KINDS = ['read', 'lookup', 'ticket', 'submit'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export interface LimitSettings {
  /** Per anonymous connection (one kiosk screen, one socket). */
  connection: Record<CallKind, BucketRule>;
  /** Per source address: every connection from one machine shares these. */
  address: Record<CallKind, BucketRule>;
  /** Kiosk submissions of the whole station, whatever their source. */
  stationSubmissions: BucketRule;
  /** The wait after look-ups that found nothing, per source address. */
  unknown: DelayRule;
}

/**
 * Sized for people: a citizen types a NIK and No. KK a few times per minute at most and needs
 * minutes for one application; a busy office's kiosks together send a few per minute.
 */
export const DEFAULT_LIMITS: LimitSettings = {
  connection: {
    read: { capacity: 120, perMinute: 120 },
    lookup: { capacity: 10, perMinute: 6 },
    ticket: { capacity: 5, perMinute: 3 },
    submit: { capacity: 3, perMinute: 2 },
  },
  address: {
    read: { capacity: 300, perMinute: 300 },
    lookup: { capacity: 20, perMinute: 12 },
    ticket: { capacity: 10, perMinute: 6 },
    submit: { capacity: 4, perMinute: 3 },
  },
  stationSubmissions: { capacity: 20, perMinute: 10 },
  unknown: { free: 3, baseMs: 2_000, maxMs: 5 * 60_000, forgetMs: 2 * 60_000 },
};

/** Multiplies every per-address and station-wide rule (not the per-connection ones) by `factor`. */
export function withSharedLimitsRaised(settings: LimitSettings, factor: number): LimitSettings {
  const raise = (rule: BucketRule): BucketRule => ({
    capacity: rule.capacity * factor,
    perMinute: rule.perMinute * factor,
  });
  const address = Object.fromEntries(
    Object.entries(settings.address).map(([kind, rule]) => [kind, raise(rule)]),
  ) as Record<CallKind, BucketRule>;
  return {
    connection: settings.connection,
    address,
    stationSubmissions: raise(settings.stationSubmissions),
    unknown: { ...settings.unknown, free: settings.unknown.free * factor },
  };
}

/**
 * For load benches only (station server `--load-test-limits`): every bench client shares
 * 127.0.0.1, which no real office does, so the per-address and station-wide rules are raised 100
 * times; each client still meets the real per-connection buckets.
 */
export const LOAD_TEST_LIMITS: LimitSettings = withSharedLimitsRaised(DEFAULT_LIMITS, 100);

const NONE: BucketRule = { capacity: 1e9, perMinute: 1e9 };
const noneFor = (): Record<CallKind, BucketRule> => ({
  read: NONE,
  lookup: NONE,
  ticket: NONE,
  submit: NONE,
});

/**
 * No limit worth the name: the default of createTestStation, whose clock stands still while a
 * test submits dozens of applications. Tests about limits pass DEFAULT_LIMITS (or their own).
 */
export const UNTHROTTLED_LIMITS: LimitSettings = {
  connection: noneFor(),
  address: noneFor(),
  stationSubmissions: NONE,
  unknown: { free: 1e9, baseMs: 1, maxMs: 1, forgetMs: 1 },
};
