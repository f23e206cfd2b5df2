import type { ConnectionSource, Dispatcher, Session } from './dispatcher';
import { Client } from './client';

/**
 * Connects a client to a dispatcher in memory. Messages are cloned both ways, as a real link
 * would serialize them, so nothing passes by reference. `source` makes the link look like one
 * from there (a socket's address, a local window), for tests of per-source rules.
 */
export function memoryPair(
  dispatcher: Dispatcher,
  connectionId: string,
  session: Session,
  source?: ConnectionSource,
): Client {
  const client = new Client((message) => {
    void dispatcher.receive(connectionId, structuredClone(message));
  });
  dispatcher.connect(
    connectionId,
    session,
    (message) => {
      queueMicrotask(() => client.deliver(structuredClone(message)));
    },
    source,
  );
  return client;
}
