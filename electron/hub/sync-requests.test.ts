import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KK, NIK, desk, submitAtKiosk } from '../testing/desk';
import { keyPairFromSeed } from '../protocol/packet/keys';
import { pullUpdates } from '../core/sync/pull';
import { MAX_CLOCK_SKEW_MS, signRequest } from '../protocol/request-signing';
import { syncRun } from '../core/sync/run';
import { openUpdates } from '../protocol/updates-box';
import { SyncError, type SyncTarget } from '../core/sync/upload';
import { MAX_PIECE_BYTES } from './context';
import { decideApplication } from './decisions';
import { syncWorld, type SyncWorld } from '../testing/sync';
import { HUB_BACKENDS } from '../testing/hub';

let world: SyncWorld;
describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    world = await syncWorld(backend);
  });
  afterEach(async () => world.dispose());

  const SIGNER = {
    signerName: 'Drs. H. Contoh, M.Si',
    signerTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
  };
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;

  const unitId = () => world.station.deps.unit.unit_id;
  const now = () => world.station.ports.clock.now();

  /** A request signed with the station's key (or another), sent with fetch; status and JSON. */
  async function signedCall(
    path: string,
    body: object,
    options: { at?: Date; method?: 'POST' | 'PUT'; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const bytes = Buffer.from(JSON.stringify(body));
    const method = options.method ?? 'POST';
    const headers =
      options.headers ??
      signRequest(
        world.keys.signing.privateKey,
        unitId(),
        method,
        path,
        bytes,
        options.at ?? now(),
      );
    const response = await fetch(new URL(path, world.server.url), {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /**
   * One HTTP request over a raw socket: writes exactly `head` (and `body`, if any), then collects
   * the answer until the hub closes the connection. `sent` counts the bytes this side wrote.
   */
  function rawRequest(head: string, body?: Buffer): Promise<{ answer: string; sent: number }> {
    const url = new URL(world.server.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      const parts: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => parts.push(chunk));
      socket.on('error', reject);
      socket.on('end', () => {
        resolve({ answer: Buffer.concat(parts).toString('latin1'), sent: socket.bytesWritten });
        socket.destroy();
      });
      socket.write(head);
      if (body) socket.write(body);
    });
  }

  function rawHead(
    method: string,
    path: string,
    headers: Record<string, string>,
    contentLength: number,
  ): string {
    const url = new URL(world.server.url);
    const lines = [
      `${method} ${path} HTTP/1.1`,
      `host: ${url.host}`,
      `content-length: ${contentLength}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    return `${lines.join('\r\n')}\r\n\r\n`;
  }

  /** The answer without its Date line (the only part that may differ from one second to the next). */
  const withoutDate = (answer: string) => answer.replace(/^date: .*\r\n/im, '');

  describe('finding 1.4: every signed request is bound to minutes and to a nonce used once', () => {
    it('finding 1.4: a replay of an identical signed request is refused with REPLAYED', async () => {
      const captured: { url: string; init: RequestInit }[] = [];
      const recording: typeof fetch = (input, init) => {
        captured.push({ url: String(input), init: init ?? {} });
        return fetch(input, init);
      };
      await pullUpdates(world.station.deps, world.keys, await world.target(), {
        fetch: recording,
        timeoutMs: 10_000,
      });
      expect(captured).toHaveLength(1);
      const first = captured[0] as { url: string; init: RequestInit };
      // The same bytes again, as someone who recorded them on the network would send them.
      const replayed = await fetch(first.url, {
        method: first.init.method ?? 'POST',
        headers: first.init.headers ?? {},
        body: first.init.body ?? null,
      });
      expect(replayed.status).toBe(409);
      expect(await replayed.json()).toMatchObject({ reason: 'REPLAYED' });
      // The station itself signs every request with a fresh nonce: its next pull works.
      await expect(
        pullUpdates(world.station.deps, world.keys, await world.target()),
      ).resolves.toEqual(expect.objectContaining({ received: 0 }));
    });

    it('finding 1.4: requests signed 6 days or 10 minutes off the hub clock are refused; 4 minutes pass', async () => {
      for (const offset of [-6 * DAY, -10 * MINUTE, 10 * MINUTE]) {
        const answer = await signedCall(
          '/v1/updates',
          { after: 0 },
          { at: new Date(now().getTime() + offset) },
        );
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({
          reason: 'CLOCK_SKEW',
          skewMs: offset,
          hubTime: now().toISOString(),
        });
      }
      expect(MAX_CLOCK_SKEW_MS).toBe(5 * MINUTE);
      for (const offset of [-4 * MINUTE, 4 * MINUTE]) {
        const answer = await signedCall(
          '/v1/updates',
          { after: 0 },
          { at: new Date(now().getTime() + offset) },
        );
        expect(answer.status).toBe(201);
      }
    });

    it('finding 1.4: a station with a wrong clock gets CLOCK_SKEW naming the difference', async () => {
      const { deps } = world.station;
      const ahead = {
        ...deps.ports.clock,
        now: () => new Date(now().getTime() + 7 * MINUTE + 12_000),
      };
      const skewed = { ...deps, ports: { ...deps.ports, clock: ahead } };
      const error = await pullUpdates(skewed, world.keys, await world.target()).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ reason: 'CLOCK_SKEW', isRetryable: false });
      expect((error as SyncError).message).toContain('Jam stasiun 7 menit 12 detik lebih cepat');
    });

    it('finding 1.4: the updates answer holds no NIK or No. KK in clear; the station opens and applies it', async () => {
      const id = await submitAtKiosk(desk(world.station));
      const target = await world.target();
      await syncRun(world.station.deps, world.keys, target);
      const issued = await decideApplication(
        world.hub,
        { applicationId: id, decision: 'issue', kind: 'kk', ...SIGNER },
        world.hub.at(),
      );
      expect(issued).toMatchObject({ ok: true });

      const bodies: string[] = [];
      const recording: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/v1/updates')) bodies.push(await response.clone().text());
        return response;
      };
      const pulled = await pullUpdates(world.station.deps, world.keys, target, {
        fetch: recording,
        timeoutMs: 10_000,
      });
      expect(pulled.applied).toBeGreaterThanOrEqual(2); // the issued KK and "selesai"
      expect(
        world.station.deps.sqlite.prepare('SELECT count(*) FROM issued_documents').pluck().get(),
      ).toBe(1);
      const raw = bodies[0] ?? '';
      expect(raw).not.toContain(NIK);
      expect(raw).not.toContain(KK);
      expect(raw).not.toContain('lakon-mandira-updates');
      // Not vacuous: inside the box the document does carry them, for this station only.
      const seed = world.station.ports.keyStore.load('sync-encryption') as Buffer;
      const sealed = (JSON.parse(raw) as { sealed: unknown }).sealed;
      const inside = JSON.stringify(openUpdates(seed, sealed, unitId(), 'http'));
      expect(inside).toContain(NIK);
      expect(inside).toContain(KK);
      // Another key, another unit or the USB channel does not open it.
      const stranger = Buffer.alloc(32, 7);
      expect(openUpdates(stranger, sealed, unitId(), 'http')).toBeNull();
      expect(openUpdates(seed, sealed, 'another-unit', 'http')).toBeNull();
      expect(openUpdates(seed, sealed, unitId(), 'usb')).toBeNull();
    });

    it('finding 1.4: a bundle sealed to another station is refused as BAD_UPDATES and applies nothing', async () => {
      // The hub seals to the key it enrolled; a station whose seed changed cannot open the box.
      const target: SyncTarget = await world.target();
      const other = Buffer.alloc(32, 9);
      const { deps } = world.station;
      const keyStore = {
        ...deps.ports.keyStore,
        load: (name: string) =>
          name === 'sync-encryption' ? other : deps.ports.keyStore.load(name),
        loadOrCreate: (name: string) => deps.ports.keyStore.loadOrCreate(name),
        description: deps.ports.keyStore.description,
      };
      const changed = { ...deps, ports: { ...deps.ports, keyStore } };
      expect(keyPairFromSeed('x25519', other).publicRaw).not.toEqual(
        world.keys.encryption.publicRaw,
      );
      await expect(pullUpdates(changed, world.keys, target)).rejects.toMatchObject({
        reason: 'BAD_UPDATES',
      });
      expect(deps.sqlite.prepare('SELECT count(*) FROM district_updates').pluck().get()).toBe(0);
    });
  });

  describe('finding 1.12: the hub checks who is asking before it reads, and tells outsiders nothing', () => {
    const stranger = () => generateKeyPairSync('ed25519').privateKey;

    it('finding 1.12: an unknown unit and a known unit with a bad signature get byte-identical answers', async () => {
      const body = Buffer.from(JSON.stringify({ after: 0 }));
      const unknown = signRequest(
        stranger(),
        'unit-that-does-not-exist',
        'POST',
        '/v1/updates',
        body,
        now(),
      );
      // The right unit id, signed with another key.
      const forged = signRequest(stranger(), unitId(), 'POST', '/v1/updates', body, now());
      // The right unit and key, but the signature belongs to another path.
      const moved = signRequest(
        world.keys.signing.privateKey,
        unitId(),
        'POST',
        '/v1/packets',
        body,
        now(),
      );
      const answers = [];
      for (const headers of [unknown, forged, moved])
        answers.push(
          withoutDate(
            (await rawRequest(rawHead('POST', '/v1/updates', headers, body.length), body)).answer,
          ),
        );
      expect(answers[0]).toMatch(/^HTTP\/1\.1 401 /);
      expect(answers[0]).toContain('"reason":"BAD_SIGNATURE"');
      expect(answers[1]).toBe(answers[0]);
      expect(answers[2]).toBe(answers[0]);
      // A revoked station is answered the same way.
      await world.hub.db
        .updateTable('stations')
        .set({ revoked_at: now().toISOString() })
        .where('unit_id', '=', unitId())
        .execute();
      const revoked = signRequest(
        world.keys.signing.privateKey,
        unitId(),
        'POST',
        '/v1/updates',
        body,
        now(),
      );
      const answer = await rawRequest(rawHead('POST', '/v1/updates', revoked, body.length), body);
      expect(withoutDate(answer.answer)).toBe(answers[0]);
    });

    it('finding 1.12: a large body with a bad signature is refused before a byte of it is sent', async () => {
      const packetId = randomUUID();
      const path = `/v1/packets/${packetId}?offset=0`;
      const declared = MAX_PIECE_BYTES; // within the piece limit: only the signature refuses it
      const headers = signRequest(stranger(), unitId(), 'PUT', path, Buffer.alloc(declared), now());
      const head = rawHead('PUT', path, headers, declared);
      // Only the head is written; the hub answers and closes without waiting for the body.
      const { answer, sent } = await rawRequest(head);
      expect(sent).toBe(Buffer.byteLength(head));
      expect(answer).toMatch(/^HTTP\/1\.1 401 /);
      expect(answer).toContain('"reason":"BAD_SIGNATURE"');
      expect(answer.toLowerCase()).toContain('connection: close');
    });

    it('finding 1.12: a body over the route limit is refused from its declared length, unread', async () => {
      const body = Buffer.alloc(64 * 1024, 1);
      const headers = signRequest(
        world.keys.signing.privateKey,
        unitId(),
        'POST',
        '/v1/updates',
        body,
        now(),
      );
      const head = rawHead('POST', '/v1/updates', headers, body.length);
      const { answer, sent } = await rawRequest(head);
      expect(sent).toBe(Buffer.byteLength(head));
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain('"reason":"TOO_LARGE"');
    });

    it('finding 1.12: a body that is not the signed one is refused and nothing is stored', async () => {
      const packetId = randomUUID();
      const announced = await signedCall('/v1/packets', {
        packetId,
        sha256: 'a'.repeat(64),
        size: 100,
      });
      expect(announced).toMatchObject({ status: 201, body: { receivedBytes: 0 } });
      const path = `/v1/packets/${packetId}?offset=0`;
      const signedPiece = Buffer.alloc(50, 1);
      const headers = signRequest(
        world.keys.signing.privateKey,
        unitId(),
        'PUT',
        path,
        signedPiece,
        now(),
      );
      const response = await fetch(new URL(path, world.server.url), {
        method: 'PUT',
        headers,
        body: Buffer.alloc(50, 2),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ reason: 'BODY_MISMATCH' });
      const again = await signedCall('/v1/packets', {
        packetId,
        sha256: 'a'.repeat(64),
        size: 100,
      });
      expect(again).toMatchObject({ status: 201, body: { receivedBytes: 0 } });
    });
  });
});
