import { join } from 'node:path';
import type { CoreDeps } from '../deps';

/**
 * What the packet builder and the uploader share (kept apart from build.ts so that upload.ts
 * does not import the builder, which reads the sync status: no import cycle).
 */
export function outgoingDir(deps: Pick<CoreDeps, 'ports'>): string {
  return join(deps.ports.paths.dataDir, 'outgoing');
}

/**
 * Called with a point's name just before the sync pass writes something (a packet file, a
 * transaction, a request to the hub); awaited, so a test can stop the pass exactly there.
 */
export type SyncPointHook = (name: string) => void | Promise<void>;
