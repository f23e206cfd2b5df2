import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Hub } from '../../electron/hub/hub';
import { startHubServer } from '../../electron/hub/server';
import type { EnrolmentAnswer, EnrolmentRequest } from '../../electron/protocol/documents';
import { FileKeyStore } from '../../electron/protocol/key-store.file';
import { cpuSecondsSince, msSince } from '../lib/stats';
import { leaveParent, serveUntilStopped } from './service';

/** The hub under test: opened and served as `npm run hub -- serve` does (electron/hub/cli.ts). */
export interface HubJob {
  dataDir: string;
  /** The hub key folder made by generate, the same for every run. */
  keysDir: string;
  /** postgres://... or null for hub.db (SQLCipher) in dataDir. */
  databaseUrl: string | null;
  districtName: string;
  /** The stations' enrolment requests; the hub enrols them before it says ready (not timed). */
  requests: EnrolmentRequest[];
  answersFile: string;
}

export interface HubResult {
  /** Hub.open: the database, its migrations, the keys. */
  openSeconds: number;
  enrolSeconds: number;
  /** CPU of the hub process from ready to stop: the upload. */
  cpuSeconds: number;
  /** Requests that failed inside the hub (startHubServer's onError). */
  errors: number;
}

export async function hubPhase(job: HubJob): Promise<HubResult> {
  let started = process.hrtime.bigint();
  const hub = await Hub.open({
    dataDir: job.dataDir,
    keyStore: new FileKeyStore(job.keysDir),
    districtName: job.districtName,
    databaseUrl: job.databaseUrl,
  });
  const openSeconds = msSince(started) / 1000;
  let errors = 0;
  const server = await startHubServer(hub, {
    onError: (error) => {
      errors += 1;
      if (errors <= 5) console.error(`hub: request failed: ${String(error)}`);
    },
  });
  started = process.hrtime.bigint();
  const answers: EnrolmentAnswer[] = [];
  for (const request of job.requests) answers.push(await hub.enrol(request, server.url));
  writeFileSync(job.answersFile, JSON.stringify(answers));
  const enrolSeconds = msSince(started) / 1000;
  const cpu = process.cpuUsage();
  await serveUntilStopped(server.url);
  const cpuSeconds = cpuSecondsSince(cpu);
  await server.close();
  await hub.close();
  leaveParent();
  return { openSeconds, enrolSeconds, cpuSeconds, errors };
}

/**
 * The baseline server: the same three requests over the same HTTP, doing only what moving the
 * bytes to disk needs. Announce notes the size and answers what is staged; each piece is
 * appended at its offset and synced, exactly as the hub stages it (electron/hub/upload.ts
 * appendData: open, write, fsync, close); commit checks the length and renames the file. No
 * signature, nonce or clock check, no body hash, no database, no decryption, no receipt.
 */
export interface BareJob {
  dir: string;
}

export interface BareResult {
  cpuSeconds: number;
  errors: number;
}

const PATH = /^\/v1\/packets(?:\/([0-9a-f-]{36})(\/commit)?)?$/;
const MAX_BODY = 1024 * 1024;

export async function barePhase(job: BareJob): Promise<BareResult> {
  const staging = join(job.dir, 'staging');
  const done = join(job.dir, 'packets');
  mkdirSync(staging, { recursive: true });
  mkdirSync(done, { recursive: true });
  const sizes = new Map<string, number>();
  let errors = 0;
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(bytes.length),
    });
    res.end(bytes);
  };
  const staged = async (file: string) => (await stat(file).catch(() => null))?.size ?? 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://bare');
    const match = PATH.exec(url.pathname);
    const parts: Buffer[] = [];
    let length = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > MAX_BODY) return answer(res, 413, { reason: 'TOO_LARGE' });
      parts.push(chunk);
    }
    const body = Buffer.concat(parts, length);
    if (!match) return answer(res, 404, { reason: 'NO_ROUTE' });
    const [, id, commit] = match;
    if (!id && req.method === 'POST') {
      const announced = JSON.parse(body.toString('utf8')) as { packetId: string; size: number };
      if (!/^[0-9a-f-]{36}$/.test(announced.packetId))
        return answer(res, 422, { reason: 'BAD_PACKET_ID' });
      sizes.set(announced.packetId, announced.size);
      const file = join(staging, `${announced.packetId}.lmp`);
      return answer(res, 201, { state: 'receiving', receivedBytes: await staged(file) });
    }
    const size = id ? sizes.get(id) : undefined;
    if (!id || size === undefined) return answer(res, 404, { reason: 'NOT_ANNOUNCED' });
    const file = join(staging, `${id}.lmp`);
    const have = await staged(file);
    if (req.method === 'PUT') {
      const offset = Number(url.searchParams.get('offset'));
      if (offset !== have) return answer(res, 409, { reason: 'WRONG_OFFSET', receivedBytes: have });
      const handle = await open(file, 'a', 0o600);
      try {
        await handle.write(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return answer(res, 202, { receivedBytes: have + body.length });
    }
    if (commit && req.method === 'POST') {
      const kept = join(done, `${id}.lmp`);
      // A second commit of one packet (a station retrying): the file was moved already.
      if (existsSync(kept)) return answer(res, 201, { receipt: null, isDuplicate: true });
      if (have !== size) return answer(res, 409, { reason: 'INCOMPLETE' });
      try {
        renameSync(file, kept);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(kept)) throw error;
        return answer(res, 201, { receipt: null, isDuplicate: true });
      }
      return answer(res, 201, { receipt: null, isDuplicate: false });
    }
    return answer(res, 404, { reason: 'NO_ROUTE' });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      errors += 1;
      if (errors <= 5) console.error(`bare: request failed: ${String(error)}`);
      if (!res.headersSent) answer(res, 500, { reason: 'INTERNAL' });
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const cpu = process.cpuUsage();
  await serveUntilStopped(`http://127.0.0.1:${port}`);
  const cpuSeconds = cpuSecondsSince(cpu);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(staging, { recursive: true, force: true });
  leaveParent();
  return { cpuSeconds, errors };
}
