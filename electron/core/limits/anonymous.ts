import { rateLimited, type AppError, type HandlerName } from '../../contract';
import type { App, CallContext, MethodSpec } from '../../transport/dispatcher';
import type { Clock } from '../ports';
import { KeyedBuckets, takeAll } from './buckets';
import { GrowingDelay } from './growing-delay';
import { CALL_KINDS, type CallKind, type LimitSettings } from './settings';

type Caller = Pick<CallContext, 'connectionId' | 'source'>;
type Refusal = { ok: false; error: AppError };

/**
 * The limits of the anonymous kiosk handlers (issue 13 finding 1.9; docs/decisions.md, "Limits
 * for anonymous callers"): token buckets per connection and per source address for each kind of
 * call, a station-wide cap on kiosk submissions, and a growing wait after look-ups that found
 * nothing. A refused call answers RATE_LIMITED with `retryAfterMs` before its handler runs, so it
 * reads and writes nothing. Signed-in officers are not limited here (sign-in has its own).
 */
export class AnonymousLimits {
  readonly #clock: Clock;
  readonly #connection: Record<CallKind, KeyedBuckets>;
  readonly #address: Record<CallKind, KeyedBuckets>;
  readonly #station: KeyedBuckets;
  readonly #unknown: GrowingDelay;

  constructor(settings: LimitSettings, clock: Clock) {
    this.#clock = clock;
    const each = (rules: LimitSettings['connection']) =>
      Object.fromEntries(CALL_KINDS.map((kind) => [kind, new KeyedBuckets(rules[kind])])) as Record<
        CallKind,
        KeyedBuckets
      >;
    this.#connection = each(settings.connection);
    this.#address = each(settings.address);
    this.#station = new KeyedBuckets(settings.stationSubmissions);
    this.#unknown = new GrowingDelay(settings.unknown);
  }

  /** null when the call may go ahead (its tokens are taken), else the refusal to answer. */
  admit(kind: CallKind, caller: Caller): Refusal | null {
    const now = this.#clock.now().getTime();
    const { address } = caller.source;
    if (kind === 'lookup') {
      const wait = this.#unknown.waitMs(address, now);
      if (wait > 0)
        return rateLimited(
          'TOO_MANY_UNKNOWN',
          wait,
          `Terlalu banyak data yang tidak ditemukan; coba lagi dalam ${seconds(wait)} detik (too many unknown answers from ${address})`,
        );
    }
    const buckets: [KeyedBuckets, string][] = [
      [this.#connection[kind], caller.connectionId],
      [this.#address[kind], address],
    ];
    if (kind === 'submit') buckets.push([this.#station, 'station']);
    const wait = takeAll(buckets, now);
    if (wait === 0) return null;
    const reason = kind === 'submit' ? 'TOO_MANY_SUBMISSIONS' : 'TOO_MANY_CALLS';
    return rateLimited(
      reason,
      wait,
      `Terlalu banyak permintaan; coba lagi dalam ${seconds(wait)} detik (${kind} calls over the limit)`,
    );
  }

  /**
   * A look-up found nothing: an anonymous caller's source may have to wait before its next one.
   * Signed-in callers (the desk's intake wizard) are not counted.
   */
  noteUnknown(caller: Caller & Pick<CallContext, 'session'>): void {
    if (caller.session.role !== 'kiosk') return;
    this.#unknown.note(caller.source.address, this.#clock.now().getTime());
  }

  /** Entries held in memory (tests and the load bench check it stays bounded). */
  get size(): number {
    const all = [...Object.values(this.#connection), ...Object.values(this.#address)];
    return all.reduce((n, b) => n + b.size, this.#station.size + this.#unknown.size);
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * The handlers of one domain registered through this App are limited: a kiosk-role handler called
 * by an anonymous session (role kiosk) first passes `limits.admit` with its kind (`kinds[name]`,
 * else `read`). Registration is otherwise unchanged.
 */
export function limitAnonymous(
  app: App,
  limits: AnonymousLimits,
  kinds: Partial<Record<HandlerName, CallKind>>,
): App {
  return {
    method<N extends HandlerName>(name: N, spec: MethodSpec<N>): void {
      if (spec.role !== 'kiosk') return app.method(name, spec);
      const kind = kinds[name] ?? 'read';
      app.method(name, {
        ...spec,
        run: (args, ctx) => {
          if (ctx.session.role !== 'kiosk') return spec.run(args, ctx);
          return limits.admit(kind, ctx) ?? spec.run(args, ctx);
        },
      });
    },
  };
}
