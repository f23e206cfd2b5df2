import WebSocket from 'ws';
import type { ServerMessage } from '../../electron/contract';
import { Client } from '../../electron/transport/client';

/**
 * A typed client over a real WebSocket to a station server (Origin as a browser on it sends).
 * Once the socket is gone every call (also one sent later) answers DISCONNECTED, so a caller in
 * the middle of several calls never waits for a process that was killed.
 */
export function connectStation(
  stationUrl: string,
): Promise<{ client: Client; close(): void; isOpen(): boolean }> {
  const url = new URL(stationUrl);
  const wsUrl = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/ws`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { origin: url.origin });
    const client = new Client((message) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      // Answered on a later turn of the event loop, as a real reply would be: a caller looping
      // over calls never starves the events (a process exit) it also waits for.
      else
        setImmediate(() =>
          client.deliver({
            kind: 'reply',
            id: message.id,
            result: { ok: false, error: { code: 'DISCONNECTED', message: 'Connection closed' } },
          }),
        );
    });
    socket.on('message', (data) => client.deliver(JSON.parse(data.toString()) as ServerMessage));
    socket.on('open', () =>
      resolve({
        client,
        close: () => socket.terminate(),
        isOpen: () => socket.readyState === WebSocket.OPEN,
      }),
    );
    socket.on('error', (error) => {
      client.close();
      reject(error);
    });
    socket.on('close', () => client.close());
  });
}
