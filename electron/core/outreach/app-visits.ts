import type { Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import type { OutreachDesks, OutreachSignals } from './signals';

/** The outreach-* handlers of this part (issue 16; skeleton: filled by the part's owner). */
export function registerOutreachVisits(
  app: Dispatcher,
  deps: CoreDeps,
  signals: OutreachSignals,
  desks: OutreachDesks,
): void {
  void desks;
  void app;
  void deps;
  void signals;
}
