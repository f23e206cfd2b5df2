import type { Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';

/** lan-* handlers (issue 16 item 3; docs/lan.md; skeleton: filled by the LAN part's owner). */
export function registerLan(app: Dispatcher, deps: CoreDeps): void {
  void app;
  void deps;
}
