import type { Dispatcher, Session } from './dispatcher';
import { Client } from './client';

/**
 * Connects a client to a dispatcher in memory. Messages are cloned both ways, as a real link
 * would serialize them, so nothing passes by reference.
 */
export function memoryPair(dispatcher: Dispatcher, connectionId: string, session: Session): Client {
  const client = new Client((message) => {
    void dispatcher.receive(connectionId, structuredClone(message));
  });
  dispatcher.connect(connectionId, session, (message) => {
    queueMicrotask(() => client.deliver(structuredClone(message)));
  });
  return client;
}
