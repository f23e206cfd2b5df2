import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { seeded } from '../core/seeded-random';

/**
 * A TCP proxy for fault-injection tests: it forwards to a target and cuts connections at random
 * byte offsets, as a weak mobile link does. Seeded, so a failing run can be replayed.
 */
export interface CuttingProxy {
  url: string;
  cuts: number;
  connections: number;
  /** Stop cutting: the rest of the run goes through whole. */
  heal(): void;
  close(): Promise<void>;
}

export async function startCuttingProxy(
  target: { host: string; port: number },
  options: { seed: number; maxGap: number; maxCuts: number },
): Promise<CuttingProxy> {
  const random = seeded(options.seed);
  let isHealed = false;
  const sockets = new Set<Socket>();
  const state = { cuts: 0, connections: 0 };
  // Cuts fall on the traffic as a whole (both directions, all connections): after each cut the
  // next one comes after a random 0 .. maxGap bytes, so keep-alive connections are cut too.
  let traffic = 0;
  let nextCutAt = random() * options.maxGap;
  const server: Server = createServer((client) => {
    state.connections += 1;
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    const relay = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        const isCutting = !isHealed && state.cuts < options.maxCuts;
        if (isCutting && traffic + chunk.length > nextCutAt) {
          if (to.writable)
            to.write(chunk.subarray(0, Math.max(0, Math.floor(nextCutAt - traffic))));
          traffic = nextCutAt;
          nextCutAt = traffic + random() * options.maxGap;
          state.cuts += 1;
          cut();
          return;
        }
        traffic += chunk.length;
        if (to.writable) to.write(chunk);
      });
      from.on('end', () => to.end());
      from.on('error', cut);
      from.on('close', () => sockets.delete(from));
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return state.cuts;
    },
    get connections() {
      return state.connections;
    },
    heal: () => {
      isHealed = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
