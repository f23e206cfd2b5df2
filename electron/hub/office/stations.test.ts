import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingsCsvCheck } from '../../contract/office/recordings';
import type {
  DocumentsList,
  StationsEnrolResult,
  StationsList,
} from '../../contract/office/stations';
import { insertDocument } from '../../../db/queries/hub-updates';
import { applyEnrolmentAnswer, enrolmentRequest, syncTarget } from '../../core/sync/enrolment';
import { pullUpdates } from '../../core/sync/pull';
import { syncRun } from '../../core/sync/run';
import { stationKeys, type StationKeys } from '../../core/sync/station-keys';
import type { SyncTarget } from '../../core/sync/upload';
import { signDocument } from '../../protocol/canonical';
import { ENROLMENT_REQUEST } from '../../protocol/documents';
import { keyId, rawPublicKey } from '../../protocol/packet/keys';
import { desk, SRI, submitAtKiosk } from '../../testing/desk';
import { HUB_BACKENDS } from '../../testing/hub';
import {
  hubFingerprint,
  startTestOffice,
  type OfficeClient,
  type TestOffice,
} from '../../testing/office';
import { as, person, recordingArgs } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import type { fixedClock } from '../../core/system-ports';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * A real station enrolled at a real hub through the back-office (upload of its request file),
 * syncing over HTTP: health in the station list, the district's recording outcomes back at the
 * next pull, document revocations, and a revoked key refused.
 */
describe.each(HUB_BACKENDS)('back-office stations, keys and documents (%s)', (backend) => {
  let station: TestStation;
  let keys: StationKeys;
  let office: TestOffice;
  let admin: OfficeClient;
  let watcher: OfficeClient;
  let verifier: OfficeClient;
  let signer: OfficeClient;
  let target: SyncTarget;
  let recordingIds: string[];

  beforeAll(async () => {
    station = await createTestStation();
    keys = stationKeys(station.ports.keyStore);
    office = await startTestOffice({ backend, now: () => station.ports.clock.now() });
    admin = await office.signInAs('admin');
    watcher = await office.signInAs('pemantau');
    verifier = await office.signInAs('verifikator');
    signer = await office.signInAs('penandatangan');
  });
  afterAll(async () => {
    await office.close();
    await station.dispose();
  });

  const stationStatus = (id: string) =>
    station.deps.sqlite.prepare('SELECT status FROM recordings WHERE id = ?').pluck().get(id);
  const stationsList = async (client: OfficeClient) => {
    const answer = await client.call('stations-list', {});
    expect(answer.status).toBe(200);
    return answer.body as StationsList;
  };

  it('enrols a station from its uploaded request file and answers with the fingerprint', async () => {
    const request = enrolmentRequest(station.deps, keys);
    const answer = await admin.call('stations-enrol', {
      requestBase64: b64(`\uFEFF${JSON.stringify(request)}`),
      hubUrl: `${office.url}/`,
    });
    expect(answer.status).toBe(200);
    const result = answer.body as StationsEnrolResult;
    expect(result).toMatchObject({
      unitId: station.deps.unit.unit_id,
      fileName: `jawaban-${station.deps.unit.unit_id}.json`,
      districtKeyId: keyId(office.hub.keys.signing.publicRaw),
      stationKeyId: keyId(keys.signing.publicRaw),
      isReEnrolment: false,
    });
    const applied = await applyEnrolmentAnswer(station.deps, JSON.parse(result.answerJson));
    expect(applied).toMatchObject({ ok: true, enrolment: { hubUrl: office.url } });
    const stored = await syncTarget(station.deps);
    if (!stored) throw new Error('not enrolled');
    target = stored;
    const audit = await office.hub.db
      .selectFrom('office_audit')
      .select('detail')
      .where('action', '=', 'stations.enrolled')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ unitId: station.deps.unit.unit_id });
  });

  it('refuses request files that are not a station’s, changing nothing', async () => {
    const before = await hubFingerprint(office.hub.db);
    const request = enrolmentRequest(station.deps, keys);
    const enrol = (args: Record<string, unknown>) =>
      admin.call('stations-enrol', { hubUrl: office.url, ...args });
    expect(await enrol({ requestJson: 'not json' })).toMatchObject({
      status: 400,
      body: { reason: 'NOT_ENROLMENT_REQUEST' },
    });
    // Changed after signing: the unit's name.
    expect(
      await enrol({ requestJson: JSON.stringify({ ...request, unitName: 'Unit Palsu' }) }),
    ).toMatchObject({ status: 400, body: { reason: 'REQUEST_SIGNATURE' } });
    // Another key for an enrolled unit (someone else's request file for this unit).
    const other = generateKeyPairSync('ed25519');
    const unsigned: Partial<typeof request> = { ...request };
    delete unsigned.signature;
    const stolen = signDocument(other.privateKey, {
      ...unsigned,
      signingPublicKey: rawPublicKey(other.publicKey).toString('base64'),
    });
    expect(await enrol({ requestJson: JSON.stringify(stolen) })).toMatchObject({
      status: 409,
      body: { reason: 'STATION_HAS_KEY' },
    });
    // A unit id that would name a folder outside the hub's: self-signed and well-formed otherwise.
    const traversal = signDocument(other.privateKey, {
      format: ENROLMENT_REQUEST,
      version: 1 as const,
      unitId: '../../../etc',
      unitCode: '1602011',
      unitName: 'Jalan',
      regionCode: '1602011',
      signingPublicKey: rawPublicKey(other.publicKey).toString('base64'),
      encryptionPublicKey: request.encryptionPublicKey,
      createdAt: request.createdAt,
    });
    expect(await enrol({ requestJson: JSON.stringify(traversal) })).toMatchObject({
      status: 400,
      body: { reason: 'NOT_ENROLMENT_REQUEST' },
    });
    for (const bad of [
      { requestJson: JSON.stringify(request), hubUrl: 'javascript:alert(1)' },
      { requestJson: JSON.stringify(request), requestBase64: b64(JSON.stringify(request)) },
      {},
      { requestJson: 'x'.repeat(70_000) },
    ])
      expect((await enrol(bad)).status, JSON.stringify(bad).slice(0, 60)).toBe(400);
    expect(await hubFingerprint(office.hub.db)).toEqual(before);
  });

  it('lists the station with the health its packets report and the hub’s last contact', async () => {
    const before = (await stationsList(admin)).rows[0];
    expect(before).toMatchObject({
      unitId: station.deps.unit.unit_id,
      keyId: keyId(keys.signing.publicRaw),
      revokedAt: null,
      lastContactAt: null,
      softwareVersion: null,
    });
    const adults = [0, 1, 2].map((i) => person(station, i, { birthDate: '1991-04-05' }));
    recordingIds = [];
    for (const adult of adults) {
      const created = await as(station, SRI).send(
        'recording-create',
        recordingArgs({ residentRef: adult.ref }, 'red'),
      );
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      recordingIds.push(created.value.id);
    }
    await submitAtKiosk(desk(station));
    (station.ports.clock as ReturnType<typeof fixedClock>).advance(60_000);
    const sent = await syncRun(station.deps, keys, target);
    expect(sent.receipted).toBeGreaterThan(0);
    const row = (await stationsList(watcher)).rows[0];
    const at = station.ports.clock.now().toISOString();
    expect(row).toMatchObject({
      lastContactAt: at,
      lastPacketAt: at,
      lastPacketChannel: 'http',
      softwareVersion: 'test',
      guardLevel: 'ok',
      guardReasons: [],
      stationTime: at,
    });
    // At build time the packet's own records were the backlog, the oldest made before the sync.
    expect(row?.backlogRecords).toBeGreaterThanOrEqual(4);
    expect(Date.parse(row?.oldestUnsyncedAt ?? '')).toBeLessThan(Date.parse(at));
  });

  it('sends the district’s recording outcomes back at the station’s next pull', async () => {
    await pullUpdates(station.deps, keys, target);
    for (const id of recordingIds) expect(stationStatus(id)).toBe('terkirim');
    const [one, two, three] = recordingIds as [string, string, string];
    expect(
      await verifier.call('recordings-mark', { recordingIds: [one], status: 'prr' }),
    ).toMatchObject({ status: 200 });
    expect(
      await signer.call('recordings-mark', { recordingIds: [two], status: 'duplicate' }),
    ).toMatchObject({ status: 200 });
    // The third through a CSV of NIKs, as the de-duplication result comes back.
    const nik = station.deps.sqlite
      .prepare('SELECT resident_nik FROM recordings WHERE id = ?')
      .pluck()
      .get(three) as string;
    const csvBase64 = b64(`NIK\r\n${nik}\r\n`);
    const check = (await verifier.call('recordings-csv-check', { csvBase64 }))
      .body as RecordingsCsvCheck;
    expect(check.good.map((g) => g.recordingId)).toEqual([three]);
    expect(
      await verifier.call('recordings-csv-apply', {
        csvBase64,
        status: 'prr',
        confirmed: true,
        acceptProblems: false,
        checkToken: check.checkToken,
      }),
    ).toMatchObject({ status: 200, body: { applied: 1 } });
    await pullUpdates(station.deps, keys, target);
    expect([one, two, three].map(stationStatus)).toEqual(['prr', 'duplicate', 'prr']);
  });

  it('revokes an issued document with a reason; stations learn it at their next pull', async () => {
    const number = '1602-KK-01122026-0001';
    await insertDocument(office.hub.db, {
      document_number: number,
      unit_id: station.deps.unit.unit_id,
      kind: 'kk',
      subject_id: 'application-1',
      signed: JSON.stringify({
        document: {
          data: { NIK: '1602054107900001', NAMA_LGKP: 'SITI AMINAH' },
          signerName: 'Kepala Dinas',
        },
      }),
      issued_at: '2026-12-01T03:00:00.000Z',
      revoked_at: null,
      revoke_reason: null,
    });
    const listed = async (args: Record<string, unknown>) =>
      (await signer.call('stations-documents-list', { page: 1, ...args })).body as DocumentsList;
    expect((await listed({})).rows).toEqual([
      expect.objectContaining({
        documentNumber: number,
        name: 'SITI AMINAH',
        maskedNik: '160205********01',
        signerName: 'Kepala Dinas',
        revokedAt: null,
      }),
    ]);
    expect((await listed({ text: 'kk-0112' })).total).toBe(1);
    expect((await listed({ text: '1602054107900001' })).total).toBe(1);
    expect((await listed({ text: '1602054107900002' })).total).toBe(0);
    expect((await listed({ text: '_' })).total).toBe(0);

    const before = await hubFingerprint(office.hub.db);
    expect(
      await signer.call('stations-document-revoke', { documentNumber: 'no-such', reason: 'salah' }),
    ).toMatchObject({ status: 404, body: { reason: 'UNKNOWN_DOCUMENT' } });
    expect(
      (await signer.call('stations-document-revoke', { documentNumber: number, reason: 'x' }))
        .status,
    ).toBe(400);
    expect(await hubFingerprint(office.hub.db)).toEqual(before);

    const revoked = await signer.call('stations-document-revoke', {
      documentNumber: number,
      reason: 'Data keluarga salah ketik',
    });
    expect(revoked).toMatchObject({ status: 200, body: { documentNumber: number } });
    expect(
      await signer.call('stations-document-revoke', { documentNumber: number, reason: 'lagi' }),
    ).toMatchObject({ status: 409, body: { reason: 'DOCUMENT_REVOKED' } });
    expect((await listed({})).rows[0]).toMatchObject({
      revokeReason: 'Data keluarga salah ketik',
    });
    const audit = await office.hub.db
      .selectFrom('office_audit')
      .select(['user_name', 'detail'])
      .where('action', '=', 'stations.document-revoked')
      .execute();
    expect(audit).toHaveLength(1);
    await pullUpdates(station.deps, keys, target);
    expect(
      station.deps.sqlite
        .prepare('SELECT reason FROM revocations WHERE document_number = ?')
        .pluck()
        .get(number),
    ).toBe('Data keluarga salah ketik');
  });

  it('revokes a station’s key: its next request is refused', async () => {
    const before = await hubFingerprint(office.hub.db);
    expect(
      await admin.call('stations-revoke', { unitId: 'no-such-unit', reason: 'hilang' }),
    ).toMatchObject({ status: 404, body: { reason: 'UNKNOWN_STATION' } });
    expect(
      (await admin.call('stations-revoke', { unitId: station.deps.unit.unit_id, reason: '' }))
        .status,
    ).toBe(400);
    expect(await hubFingerprint(office.hub.db)).toEqual(before);

    const revoked = await admin.call('stations-revoke', {
      unitId: station.deps.unit.unit_id,
      reason: 'Laptop unit keliling hilang',
    });
    expect(revoked).toMatchObject({ status: 200 });
    expect(
      await admin.call('stations-revoke', {
        unitId: station.deps.unit.unit_id,
        reason: 'sekali lagi',
      }),
    ).toMatchObject({ status: 409, body: { reason: 'STATION_REVOKED' } });
    expect((await stationsList(admin)).rows[0]).toMatchObject({
      revokedAt: station.ports.clock.now().toISOString(),
      revokeReason: 'Laptop unit keliling hilang',
    });
    await expect(pullUpdates(station.deps, keys, target)).rejects.toMatchObject({
      reason: 'BAD_SIGNATURE',
    });
    await submitAtKiosk(desk(station));
    const refused = await syncRun(station.deps, keys, target);
    expect(refused.receipted).toBe(0);
    expect(refused.failed.map((f) => f.reason)).toEqual(['BAD_SIGNATURE']);
    // Enrolled again from the same station's request: a re-enrolment lifts the revocation.
    const again = await admin.call('stations-enrol', {
      requestJson: JSON.stringify(enrolmentRequest(station.deps, keys)),
      hubUrl: office.url,
    });
    expect(again).toMatchObject({ status: 200, body: { isReEnrolment: true } });
    await expect(pullUpdates(station.deps, keys, target)).resolves.toBeDefined();
  });
});
