import { roleAtLeast, type OutreachBoard } from '../../contract';
import {
  boardAverageWait,
  boardCallingDesks,
  boardServiceCounts,
  boardServingByDesk,
  boardVisitCounts,
  outreachEventServices,
  outreachStockSums,
} from '../../../db/queries/outreach-report';
import type { Dispatcher } from '../../transport/dispatcher';
import { jakartaDay } from '../common/jakarta';
import type { CoreDeps } from '../deps';
import { serviceTitle, STOCK_ITEMS } from './report';
import type { OutreachSignals } from './signals';

/**
 * The leader's live board (issue 16 item 5; docs/outreach-report.md): today's queue of the event
 * (waiting, serving, served, by desk), the event's services against their targets, the average
 * wait and the blanks left. A handful of grouped reads through the visits' indexes.
 */

const WAITING = new Set(['waiting']);
const SERVING = new Set(['called', 'serving']);
const PENDING = new Set(['waiting', 'in-progress', 'follow-up']);

/** "meja-2" → "Meja 2" (the desk names paired LAN desks get, docs/lan.md). */
export function deskLabel(desk: string): string {
  const match = /^meja-(\d+)$/.exec(desk);
  return match ? `Meja ${match[1]}` : desk;
}

export async function computeBoard(deps: CoreDeps, eventId: string): Promise<OutreachBoard> {
  const now = deps.ports.clock.now();
  const day = jakartaDay(now);
  const [visits, wait, serving, desks, services, planned, stock] = await Promise.all([
    boardVisitCounts(deps.db, eventId, day),
    boardAverageWait(deps.db, eventId, day),
    boardServingByDesk(deps.db, eventId, day),
    boardCallingDesks(deps.db, eventId, day),
    boardServiceCounts(deps.db, eventId),
    outreachEventServices(deps.db, eventId),
    outreachStockSums(deps.db, eventId),
  ]);
  const count = (statuses: ReadonlySet<string>) =>
    visits.filter((v) => statuses.has(v.status)).reduce((n, v) => n + Number(v.n), 0);

  const deskNames = new Set(desks);
  for (const v of visits) if (v.desk !== null) deskNames.add(v.desk);
  const byDesk = [...deskNames]
    .sort((a, b) => a.localeCompare(b, 'id', { numeric: true }))
    .map((desk) => ({
      desk,
      label: deskLabel(desk),
      serving: serving.find((s) => s.desk === desk)?.number ?? null,
      served: visits
        .filter((v) => v.desk === desk && v.status === 'done')
        .reduce((n, v) => n + Number(v.n), 0),
    }));

  const codes = planned.map((p) => p.service_code);
  for (const s of services) if (!codes.includes(s.service_code)) codes.push(s.service_code);
  const byService = codes.map((code) => {
    const of = services.filter((s) => s.service_code === code);
    return {
      serviceCode: code,
      title: serviceTitle(deps.catalogue, code),
      done: of.filter((s) => s.status === 'done').reduce((n, s) => n + Number(s.n), 0),
      target: planned.find((p) => p.service_code === code)?.target ?? 0,
      pending: of.filter((s) => PENDING.has(s.status)).reduce((n, s) => n + Number(s.n), 0),
    };
  });

  const sum = (item: string, kind: string) =>
    stock
      .filter((s) => s.item === item && s.kind === kind)
      .reduce((n, s) => n + Number(s.total), 0);
  return {
    eventId,
    day,
    waiting: count(WAITING),
    serving: count(SERVING),
    served: count(new Set(['done'])),
    averageWaitMinutes: wait === null ? null : Math.round(wait * 10) / 10,
    byDesk,
    byService,
    blanksLeft: STOCK_ITEMS.map((item) => ({
      item,
      left: sum(item, 'out') - sum(item, 'used') - sum(item, 'spoiled') - sum(item, 'returned'),
    })),
    updatedAt: now.toISOString(),
  };
}

/**
 * Pushes 'outreach-board' to every supervisor's (and admin's) connection when a signal says an
 * event changed. Bursts coalesce without timers: events marked dirty while a computation runs
 * are computed once more when it ends; a burst in one tick is computed once (a microtask later).
 * Nothing is computed while no supervisor is connected. Returns a stop function.
 */
export function startBoardPushes(
  app: Dispatcher,
  deps: CoreDeps,
  signals: OutreachSignals,
  onPushed?: (board: OutreachBoard, connections: number) => void,
): () => void {
  const dirty = new Set<string>();
  let running = false;
  let stopped = false;

  const supervisors = (): string[] =>
    app.connectionIds.filter((id) => {
      const session = app.session(id);
      return session !== undefined && roleAtLeast(session.role, 'supervisor');
    });

  const run = async (): Promise<void> => {
    running = true;
    try {
      while (dirty.size > 0 && !stopped) {
        const [eventId] = dirty;
        dirty.delete(eventId as string);
        const targets = supervisors();
        if (targets.length === 0) continue;
        try {
          const board = await computeBoard(deps, eventId as string);
          // Whoever is connected when it is ready gets it (a screen that came meanwhile too).
          const now = supervisors();
          for (const id of now) app.push(id, 'outreach-board', board);
          onPushed?.(board, now.length);
        } catch (error) {
          deps.ports.log.error('outreach board failed', { eventId, error: String(error) });
        }
      }
    } finally {
      running = false;
    }
  };

  const off = signals.on((signal) => {
    if (stopped) return;
    dirty.add(signal.eventId);
    if (running) return;
    running = true;
    queueMicrotask(() => void run());
  });
  return () => {
    stopped = true;
    off();
  };
}
