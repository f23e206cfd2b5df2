import type { Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { registerOutreachPlan } from './app-plan';
import { registerOutreachReport } from './app-report';
import { registerOutreachTraining } from './app-training';
import { registerOutreachVisits } from './app-visits';
import { OutreachSignals, type OutreachDesks } from './signals';

/** Jelades Semedi outreach events (issue 16; docs/outreach.md): every outreach-* handler. */
export function registerOutreach(
  app: Dispatcher,
  deps: CoreDeps,
  desks: OutreachDesks,
): OutreachSignals {
  const signals = new OutreachSignals();
  registerOutreachPlan(app, deps, signals);
  registerOutreachVisits(app, deps, signals, desks);
  registerOutreachReport(app, deps, signals);
  registerOutreachTraining(app, deps, signals);
  return signals;
}
