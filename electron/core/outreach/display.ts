import { roleAtLeast, type QueueDisplayState } from '../../contract';
import {
  countWaitingVisits,
  latestCallPerDesk,
  lastCallOfVisit,
  pairedDesks,
  recentCalls,
  runningEventHead,
  visitRow,
} from '../../../db/queries/outreach-visits';
import type { Dispatcher } from '../../transport/dispatcher';
import { jakartaDay } from '../common/jakarta';
import type { CoreDeps } from '../deps';
import type { OutreachDesks, OutreachSignal, OutreachSignals } from './signals';

/**
 * The queue display (issue 16 item 3; docs/outreach-visits.md): numbers and desks only, never a
 * name or a NIK, so every connection may receive it (the hall TV holds a kiosk session).
 */

/** How many of the latest calls the display lists. */
export const RECENT_CALLS = 6;

/** "meja-2" before "meja-10". */
const byDesk = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export async function displayState(
  deps: Pick<CoreDeps, 'db' | 'ports' | 'unit'>,
  labelOf: OutreachDesks['labelOf'],
): Promise<QueueDisplayState> {
  const event = await runningEventHead(deps.db, deps.unit.unit_id);
  if (!event) return { eventId: null, eventName: '', desks: [], recent: [], waiting: 0 };
  const day = jakartaDay(deps.ports.clock.now());
  const [latest, paired, recent, waiting] = await Promise.all([
    latestCallPerDesk(deps.db, event.id, day),
    pairedDesks(deps.db),
    recentCalls(deps.db, event.id, day, RECENT_CALLS * 4),
    countWaitingVisits(deps.db, event.id, day),
  ]);
  const names = [...new Set([...latest.map((c) => c.desk), ...paired])].sort(byDesk);
  const seen = new Set<string>();
  // A repeat call stands once in the list, at its newest time.
  const distinct = recent.filter((c) => {
    const key = `${c.number}|${c.desk}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    eventId: event.id,
    eventName: event.name,
    desks: names.map((desk) => {
      const call = latest.find((c) => c.desk === desk);
      return {
        desk,
        label: labelOf(desk),
        number: call?.number ?? null,
        calledAt: call?.at ?? null,
      };
    }),
    recent: distinct
      .slice(0, RECENT_CALLS)
      .map((c) => ({ number: c.number, desk: c.desk, label: labelOf(c.desk), at: c.at })),
    waiting,
  };
}

/**
 * Turns the visit signals into pushes, in the order the signals came: 'outreach-called' (a call
 * or a repeat) and 'outreach-display' to every connection, 'outreach-visits-changed' to the
 * signed-in officers only. Returns the unsubscribe.
 */
export function wireVisitPushes(
  app: Dispatcher,
  deps: Pick<CoreDeps, 'db' | 'ports' | 'unit'>,
  signals: OutreachSignals,
  desks: OutreachDesks,
): () => void {
  let chain = Promise.resolve();
  const handle = async (signal: OutreachSignal): Promise<void> => {
    if (signal.kind === 'stock') return;
    if (signal.kind === 'called') {
      const [visit, call] = await Promise.all([
        visitRow(deps.db, signal.visitId),
        lastCallOfVisit(deps.db, signal.visitId),
      ]);
      if (visit && call)
        app.broadcast('outreach-called', {
          number: visit.number,
          desk: call.desk,
          label: desks.labelOf(call.desk),
          at: call.at,
          repeat: signal.repeat,
        });
    }
    app.broadcast('outreach-display', await displayState(deps, desks.labelOf));
    for (const id of app.connectionIds) {
      const session = app.session(id);
      if (session && roleAtLeast(session.role, 'operator'))
        app.push(id, 'outreach-visits-changed', { eventId: signal.eventId });
    }
  };
  return signals.on((signal) => {
    chain = chain
      .then(() => handle(signal))
      .catch((error: unknown) =>
        deps.ports.log.error('Outreach push failed', { error: String(error), kind: signal.kind }),
      );
  });
}
