import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { stationKeys, type StationKeys } from '../../electron/core/sync/station-keys';
import { canonicalJson, verifyDocument } from '../../electron/protocol/canonical';
import {
  enrolmentAnswerSchema,
  receiptSchema,
  type Receipt,
} from '../../electron/protocol/documents';
import { FileKeyStore } from '../../electron/protocol/key-store.file';
import { publicKeyFromRaw } from '../../electron/protocol/packet/keys';
import { signRequest } from '../../electron/protocol/request-signing';
import { cpuSecondsSince, latency, msSince, type Latency } from '../lib/stats';
import type { PacketPlan, Plan, StationPlan } from './generate';

/**
 * The simulated stations (one process, every station at once): each uploads its packets one
 * after another through the hub's real HTTP API, as a station's sync run does
 * (electron/core/sync/upload.ts uploadPacket): signed announce, signed PUTs of `pieceBytes` from
 * the offset the hub has, signed commit; each receipt checked against the district key the
 * station got at enrolment. Against the bare baseline server the same requests go out, signed
 * the same way, and nothing of the answers is checked but their status.
 */
export interface UploadJob {
  mode: 'hub' | 'bare';
  url: string;
  planFile: string;
  /** The hub's enrolment answers (hub mode). */
  answersFile: string | null;
  pieceBytes: number;
  /** The first `retries` stations: their first packet is committed twice at once in the timed
   * run, and sent again after it (hub mode). */
  retries: number;
  timeoutMs: number;
}

export interface RetryOutcome {
  kind: 'double-commit' | 'announce-again' | 'commit-again' | 'rebuilt-packet';
  unitId: string;
  packetId: string;
  isOk: boolean;
  detail: string;
}

export interface UploadResult {
  stations: number;
  packets: number;
  bytes: number;
  records: number;
  /** Wall time from the first announce to the last commit answer, s. */
  seconds: number;
  cpuSeconds: number;
  /** Per packet, announce sent → commit answered, ms. */
  packetMs: Latency;
  announceMs: Latency;
  pieceMs: Latency;
  commitMs: Latency;
  requests: number;
  errorCount: number;
  errors: string[];
  /** Hub mode: enrolment answers checked as applyEnrolmentAnswer does. */
  enrolmentProblems: string[];
  /** Hub mode: receipts signed by the district, for the packet, accepting all its records. */
  receiptsVerified: number;
  receiptProblems: string[];
  retries: RetryOutcome[];
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

class UploadFailure extends Error {}

interface Client {
  station: StationPlan;
  keys: StationKeys;
  buffer: Buffer;
}

export async function uploadPhase(job: UploadJob): Promise<UploadResult> {
  const plan = JSON.parse(readFileSync(job.planFile, 'utf8')) as Plan;
  const isHub = job.mode === 'hub';
  const enrolmentProblems: string[] = [];
  let districtKey: ReturnType<typeof publicKeyFromRaw> | null = null;
  if (isHub) {
    const answers = JSON.parse(readFileSync(job.answersFile as string, 'utf8')) as unknown[];
    const signingKeys = new Set<string>();
    for (const [i, value] of answers.entries()) {
      const station = plan.stations[i] as StationPlan;
      const parsed = enrolmentAnswerSchema.safeParse(value);
      if (!parsed.success) {
        enrolmentProblems.push(`${station.unitId}: not an enrolment answer`);
        continue;
      }
      const a = parsed.data;
      const key = publicKeyFromRaw('ed25519', Buffer.from(a.districtSigningKey, 'base64'));
      if (!verifyDocument(key, a)) enrolmentProblems.push(`${station.unitId}: bad signature`);
      if (a.unitId !== station.unitId) enrolmentProblems.push(`${station.unitId}: other unit`);
      if (a.districtEncryptionKey !== plan.hubEncryptionKey)
        enrolmentProblems.push(`${station.unitId}: not the key the packets are encrypted to`);
      signingKeys.add(a.districtSigningKey);
      districtKey = key;
    }
    if (answers.length !== plan.stations.length || signingKeys.size !== 1)
      enrolmentProblems.push(
        `${answers.length} answers for ${plan.stations.length} stations, ${signingKeys.size} district keys`,
      );
  }

  const samples = { packet: [] as number[], announce: [] as number[], piece: [] as number[] };
  const commitSamples: number[] = [];
  const errors: string[] = [];
  let errorCount = 0;
  let requests = 0;
  const receiptProblems: string[] = [];
  let receiptsVerified = 0;
  const retries: RetryOutcome[] = [];
  const receipts = new Map<string, Receipt>();

  const call = async (
    client: Client,
    method: 'POST' | 'PUT',
    path: string,
    body: Uint8Array,
    contentType: string,
  ): Promise<Answer> => {
    const headers = signRequest(
      client.keys.signing.privateKey,
      client.station.unitId,
      method,
      path,
      body,
      new Date(),
    );
    requests += 1;
    const response = await fetch(new URL(path, job.url), {
      method,
      headers: { ...headers, 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(job.timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      throw new UploadFailure(`${method} ${path}: HTTP ${response.status} without JSON`);
    }
  };
  const expect = (answer: Answer, status: number, what: string) => {
    if (answer.status !== status)
      throw new UploadFailure(
        `${what}: HTTP ${answer.status} ${String(answer.body.reason)} ${String(answer.body.message ?? '')}`,
      );
  };
  const commit = async (client: Client, packet: PacketPlan): Promise<Answer> => {
    const started = process.hrtime.bigint();
    const answer = await call(
      client,
      'POST',
      `/v1/packets/${packet.id}/commit`,
      Buffer.alloc(0),
      'application/json',
    );
    commitSamples.push(msSince(started));
    expect(answer, 201, `commit ${packet.id}`);
    return answer;
  };
  const announce = async (client: Client, packet: PacketPlan): Promise<Answer> => {
    const started = process.hrtime.bigint();
    const body = Buffer.from(
      JSON.stringify({ packetId: packet.id, sha256: packet.sha256, size: packet.size }),
    );
    const answer = await call(client, 'POST', '/v1/packets', body, 'application/json');
    samples.announce.push(msSince(started));
    expect(answer, 201, `announce ${packet.id}`);
    return answer;
  };
  /** A receipt counts when the district signed it, for this packet, accepting every record. */
  const checkReceipt = (packet: PacketPlan, value: unknown): Receipt | null => {
    const parsed = receiptSchema.safeParse(value);
    const problem = (text: string) => {
      receiptProblems.push(`${packet.id}: ${text}`);
      return null;
    };
    if (!parsed.success) return problem('receipt malformed');
    if (!districtKey || !verifyDocument(districtKey, parsed.data))
      return problem('not signed by the district');
    const r = parsed.data;
    if (r.packetId !== packet.id || r.sha256 !== packet.sha256) return problem('another packet');
    const accepted = new Set(r.accepted);
    if (
      r.rejected.length > 0 ||
      accepted.size !== packet.recordIds.length ||
      !packet.recordIds.every((id) => accepted.has(id))
    )
      return problem(
        `accepted ${r.accepted.length}, rejected ${r.rejected.length} (${r.rejected[0]?.reason ?? ''}) of ${packet.recordIds.length}`,
      );
    receiptsVerified += 1;
    return r;
  };

  /** Announce → pieces from where the hub stands → commit (twice at once when `doubleCommit`). */
  const upload = async (
    client: Client,
    packet: PacketPlan,
    doubleCommit: boolean,
  ): Promise<Answer> => {
    const started = process.hrtime.bigint();
    const announced = await announce(client, packet);
    if (announced.body.state === 'committed') return announced;
    let offset = Number(announced.body.receivedBytes);
    const file = await open(packet.file, 'r');
    try {
      while (offset < packet.size) {
        const length = Math.min(job.pieceBytes, packet.size - offset);
        const { bytesRead } = await file.read(client.buffer, 0, length, offset);
        if (bytesRead !== length) throw new UploadFailure(`${packet.file} is shorter`);
        const pieceStarted = process.hrtime.bigint();
        const answer = await call(
          client,
          'PUT',
          `/v1/packets/${packet.id}?offset=${offset}`,
          client.buffer.subarray(0, length),
          'application/octet-stream',
        );
        samples.piece.push(msSince(pieceStarted));
        if (answer.status === 409 && Number.isSafeInteger(answer.body.receivedBytes)) {
          offset = Number(answer.body.receivedBytes);
          continue;
        }
        expect(answer, 202, `piece ${packet.id} at ${offset}`);
        offset = Number(answer.body.receivedBytes);
      }
    } finally {
      await file.close();
    }
    let committed: Answer;
    if (doubleCommit) {
      // A station whose commit answer was slow retries while the hub still works on the first.
      const [one, two] = await Promise.all([commit(client, packet), commit(client, packet)]);
      const same = isHub && canonicalJson(one.body.receipt) === canonicalJson(two.body.receipt);
      retries.push({
        kind: 'double-commit',
        unitId: client.station.unitId,
        packetId: packet.id,
        isOk: !isHub || same,
        detail: same ? 'both answers carry the same receipt' : 'the two answers differ',
      });
      committed = one;
    } else committed = await commit(client, packet);
    samples.packet.push(msSince(started));
    return committed;
  };

  const clients: Client[] = plan.stations.map((station) => ({
    station,
    keys: stationKeys(new FileKeyStore(station.keysDir)),
    buffer: Buffer.alloc(job.pieceBytes),
  }));
  const failed = (client: Client, error: unknown) => {
    errorCount += 1;
    if (errors.length < 20) errors.push(`${client.station.unitId}: ${String(error)}`);
  };

  let packets = 0;
  let bytes = 0;
  let records = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    clients.map(async (client, index) => {
      for (const [n, packet] of client.station.packets.entries()) {
        if (packet.kind !== 'new') continue;
        try {
          const answer = await upload(client, packet, n === 0 && index < job.retries);
          packets += 1;
          bytes += packet.size;
          records += packet.recordIds.length;
          if (isHub) {
            const receipt = checkReceipt(packet, answer.body.receipt);
            if (receipt) receipts.set(packet.id, receipt);
          }
        } catch (error) {
          failed(client, error);
        }
      }
    }),
  );
  const seconds = msSince(started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  // The figures are the timed run's: the retries below add their own requests after it.
  const timed = {
    packetMs: latency(samples.packet),
    announceMs: latency(samples.announce),
    pieceMs: latency(samples.piece),
    commitMs: latency(commitSamples),
    requests,
  };

  // After the timed run: each retry station's first packet again, the ways a station sends one
  // twice. None may store anything new (the check phase counts), each answers the same receipt.
  if (isHub) {
    for (const client of clients.slice(0, job.retries)) {
      const first = client.station.packets[0] as PacketPlan;
      const stored = receipts.get(first.id);
      const outcome = (
        kind: RetryOutcome['kind'],
        packet: PacketPlan,
        isOk: boolean,
        detail: string,
      ) => retries.push({ kind, unitId: client.station.unitId, packetId: packet.id, isOk, detail });
      const same = (value: unknown) =>
        stored !== undefined && canonicalJson(value) === canonicalJson(stored);
      try {
        // A station that lost the commit answer and restarted: it announces again.
        const again = await announce(client, first);
        outcome(
          'announce-again',
          first,
          again.body.state === 'committed' && same(again.body.receipt),
          `state ${String(again.body.state)}, ${same(again.body.receipt) ? 'the same receipt' : 'another receipt'}`,
        );
        // One that only retries the commit request.
        const recommitted = await commit(client, first);
        outcome(
          'commit-again',
          first,
          recommitted.body.isDuplicate === true && same(recommitted.body.receipt),
          `isDuplicate ${String(recommitted.body.isDuplicate)}, ${same(recommitted.body.receipt) ? 'the same receipt' : 'another receipt'}`,
        );
        // A packet discarded at the station and rebuilt: the same records under a new id.
        const rebuilt = client.station.packets.find((p) => p.kind === 'rebuilt');
        if (rebuilt) {
          const answer = await upload(client, rebuilt, false);
          const receipt = checkReceipt(rebuilt, answer.body.receipt);
          outcome(
            'rebuilt-packet',
            rebuilt,
            receipt !== null && answer.body.isDuplicate === false,
            receipt
              ? `receipt accepts the ${receipt.accepted.length} records again`
              : 'receipt refused',
          );
        }
      } catch (error) {
        failed(client, error);
        outcome('announce-again', first, false, String(error));
      }
    }
  }

  return {
    stations: clients.length,
    packets,
    bytes,
    records,
    seconds,
    cpuSeconds,
    ...timed,
    errorCount,
    errors,
    enrolmentProblems,
    receiptsVerified,
    receiptProblems,
    retries,
  };
}
