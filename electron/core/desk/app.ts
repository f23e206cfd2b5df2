import type { App } from '../../transport/dispatcher';
import { LARGE_CALL_BYTES } from '../../transport/limits';
import { submitArgs, submitContext, submitWithReceipt } from '../applications/submit-result';
import type { CoreDeps } from '../deps';
import { registerDeskCheck } from './app-check';
import { registerDeskClaims } from './app-claim';
import { registerDeskDecisions } from './app-decide';
import { registerDeskInbox } from './app-inbox';
import { registerDeskRead } from './app-read';
import { registerDeskSummary } from './app-summary';

/** The officer desk (docs/desk-verification.md). */
export function registerDesk(app: App, deps: CoreDeps): void {
  registerDeskInbox(app, deps);
  registerDeskRead(app, deps);
  registerDeskClaims(app, deps);
  registerDeskCheck(app, deps);
  registerDeskDecisions(app, deps);
  registerDeskSummary(app, deps);

  // Intake at the desk: the kiosk's submission exactly, with the officer as actor.
  const submit = submitContext(deps);
  app.method('desk-application-submit', {
    role: 'operator',
    args: submitArgs,
    maxBytes: LARGE_CALL_BYTES,
    run: (args, ctx) => submitWithReceipt(deps, submit, ctx.session, args, 'desk'),
  });
}
