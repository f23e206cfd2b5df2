import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyQrPayload } from '../protocol/document-qr';
import { pullUpdates } from '../core/sync/pull';
import { syncRun } from '../core/sync/run';
import type { Clock } from '../core/ports';
import { keyId, keyPairFromSeed } from '../protocol/packet/keys';
import { PacketWriter } from '../protocol/packet/writer';
import { openUpdates } from '../protocol/updates-box';
import { driveFolder, usbExport, usbImport } from '../core/sync/usb';
import { signUsbCursor } from '../protocol/usb-cursor';
import { desk, photo, submitAtKiosk, value } from '../testing/desk';
import { memoryPair } from '../transport/memory-pair';
import { decideApplication, revokeDocument } from './decisions';
import { MAX_PACKET_BYTES } from './context';
import { fillOutbox, hubCount, stationCount, syncWorld, type SyncWorld } from '../testing/sync';
import { HUB_BACKENDS } from '../testing/hub';

let world: SyncWorld;
let drive: string;
describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    world = await syncWorld(backend);
    drive = mkdtempSync(join(tmpdir(), 'lm-drive-'));
  });
  afterEach(async () => {
    await world.dispose();
    rmSync(drive, { recursive: true, force: true });
  });

  const SIGNER = {
    signerName: 'Drs. H. Contoh, M.Si',
    signerTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
  };

  describe('sync by USB drive', () => {
    it('export, import at the hub, receipts back: records marked exported', async () => {
      await fillOutbox(world, 3, 30);
      const outbox = stationCount(world, 'outbox');
      const target = await world.target();
      const exported = await usbExport(world.station.deps, world.keys, target, drive, {
        limits: { records: 10, attachmentBytes: 10_000, linesPerPart: 5 },
      });
      expect(exported.written).toBe(exported.built);
      expect(exported.written).toBeGreaterThan(1);
      const unit = world.station.deps.unit.unit_id;
      expect(readdirSync(join(driveFolder(drive, unit), 'packets'))).toHaveLength(exported.written);
      // Nothing is marked before the district's receipt.
      expect(stationCount(world, 'outbox', 'exported_at IS NOT NULL')).toBe(0);

      const imported = await world.hub.importDrive(drive);
      expect(imported.every((r) => r.ok)).toBe(true);
      expect(await hubCount(world, 'records')).toBe(outbox);
      // Importing the same drive again stores nothing new (same receipts).
      // The district rejects one application; importing the same drive again stores nothing new
      // (same receipts) and writes the updates bundle with the decision.
      const firstId = world.station.deps.sqlite
        .prepare('SELECT id FROM applications ORDER BY number')
        .pluck()
        .get() as string;
      await decideApplication(
        world.hub,
        { applicationId: firstId, decision: 'reject', reason: 'Foto KK tidak terbaca', ...SIGNER },
        world.hub.at(),
      );
      const again = await world.hub.importDrive(drive);
      expect(again.every((r) => r.ok && r.isDuplicate)).toBe(true);
      expect(await hubCount(world, 'records')).toBe(outbox);

      const back = await usbImport(world.station.deps, target, drive);
      expect(back.refused).toEqual([]);
      expect(back.receipts).toBe(exported.written);
      expect(back.exported).toBe(outbox);
      expect(stationCount(world, 'outbox', 'exported_at IS NULL')).toBe(0);
      // The updates bundle came back too: the rejection is at the station.
      expect(back.updates?.applied).toBe(1);
      expect(stationCount(world, 'applications', "status = 'ditolak'")).toBe(1);
      expect(stationCount(world, 'applications', "status = 'diajukan'")).toBe(2);
    });

    it('a receipt file that is not the district’s is named and changes nothing', async () => {
      await fillOutbox(world, 1, 2);
      const target = await world.target();
      await usbExport(world.station.deps, world.keys, target, drive);
      await world.hub.importDrive(drive);
      const receipts = join(driveFolder(drive, world.station.deps.unit.unit_id), 'receipts');
      const name = readdirSync(receipts)[0] as string;
      const receipt = JSON.parse(readFileSync(join(receipts, name), 'utf8')) as {
        accepted: string[];
      };
      receipt.accepted = [...receipt.accepted, 'made-up-id'];
      writeFileSync(join(receipts, name), JSON.stringify(receipt));
      const back = await usbImport(world.station.deps, target, drive);
      expect(back.refused).toEqual([{ file: name, reason: 'BAD_RECEIPT' }]);
      expect(stationCount(world, 'outbox', 'exported_at IS NOT NULL')).toBe(0);
    });
  });

  describe('pull: decisions, issued documents, revocations', () => {
    it('an issued KK prints without the draft mark and with its QR; revoked, it is a draft again', async () => {
      const d = desk(world.station);
      const id = await submitAtKiosk(d, {
        serviceCode: 'kk-hilang-rusak',
        photos: [photo('ktp-el')],
      });
      const target = await world.target();
      await syncRun(world.station.deps, world.keys, target);
      const officer = memoryPair(world.station.dispatcher, 'print-officer', {
        role: 'operator',
        userName: 'Sri',
        userId: 'u-sri',
        mode: 'officer',
      });
      const preview = async () =>
        value(await officer.send('print-preview', { kind: 'kk', subject: { applicationId: id } }));
      expect((await preview()).isDraft).toBe(true);
      const issued = await decideApplication(
        world.hub,
        { applicationId: id, decision: 'issue', kind: 'kk', ...SIGNER },
        world.hub.at(),
      );
      await pullUpdates(world.station.deps, world.keys, target);
      const clean = await preview();
      expect(clean.isDraft).toBe(false);
      expect(clean.html).toContain(issued.ok ? (issued.documentNumber ?? '') : 'never');
      expect(clean.html).not.toContain('BUKAN DOKUMEN RESMI');
      await revokeDocument(
        world.hub,
        { documentNumber: issued.ok ? (issued.documentNumber ?? '') : '', reason: 'Salah cetak' },
        world.hub.at(),
      );
      await pullUpdates(world.station.deps, world.keys, target);
      expect((await preview()).isDraft).toBe(true);
    });

    it('an application decided at the hub comes back issued with a verifiable QR, then revoked', async () => {
      await fillOutbox(world, 2, 0);
      const target = await world.target();
      await syncRun(world.station.deps, world.keys, target);
      const [first, second] = world.station.deps.sqlite
        .prepare('SELECT id FROM applications ORDER BY number')
        .pluck()
        .all() as string[];
      const at = world.hub.at();
      const issued = await decideApplication(
        world.hub,
        { applicationId: first as string, decision: 'issue', kind: 'kk', ...SIGNER },
        at,
      );
      expect(issued).toMatchObject({ ok: true });
      const rejected = await decideApplication(
        world.hub,
        {
          applicationId: second as string,
          decision: 'reject',
          reason: 'Dokumen tidak terbaca',
          ...SIGNER,
        },
        at,
      );
      expect(rejected).toMatchObject({ ok: true });

      const pulled = await pullUpdates(world.station.deps, world.keys, target);
      expect(pulled.applied).toBe(3); // issued document, selesai, ditolak
      const status = (id: string) =>
        world.station.deps.sqlite
          .prepare('SELECT status FROM applications WHERE id = ?')
          .pluck()
          .get(id);
      expect(status(first as string)).toBe('selesai');
      expect(status(second as string)).toBe('ditolak');
      const doc = world.station.deps.sqlite
        .prepare('SELECT document_number, qr_payload FROM issued_documents')
        .get() as { document_number: string; qr_payload: string };
      expect(doc.document_number).toMatch(/^1602-KK-\d{8}-0001$/);
      const revocations = () => (n: string) => {
        const row = world.station.deps.sqlite
          .prepare(
            'SELECT reason, revoked_at AS revokedAt FROM revocations WHERE document_number = ?',
          )
          .get(n) as { reason: string; revokedAt: string } | undefined;
        return row ?? null;
      };
      expect(
        verifyQrPayload(target.districtSigningKey, doc.qr_payload, revocations()),
      ).toMatchObject({
        status: 'valid',
        body: { n: doc.document_number, k: 'kk' },
      });
      // A pull again applies nothing twice.
      expect((await pullUpdates(world.station.deps, world.keys, target)).applied).toBe(0);

      await revokeDocument(
        world.hub,
        { documentNumber: doc.document_number, reason: 'Data salah cetak' },
        at,
      );
      await pullUpdates(world.station.deps, world.keys, target);
      expect(
        verifyQrPayload(target.districtSigningKey, doc.qr_payload, revocations()),
      ).toMatchObject({
        status: 'revoked',
        reason: 'Data salah cetak',
      });
      // A QR someone edited (another document number) fails the signature.
      const [prefix, body, signature] = doc.qr_payload.split('.');
      const forged = JSON.parse(Buffer.from(body as string, 'base64url').toString()) as {
        n: string;
      };
      forged.n = '1602-KK-01012026-9999';
      const forgedText = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
      expect(verifyQrPayload(target.districtSigningKey, forgedText, revocations())).toEqual({
        status: 'invalid',
        problem: 'BAD_SIGNATURE',
      });
    });
  });

  /** Every file under `dir` (links not followed) with its bytes. */
  function treeBytes(dir: string): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) out.set(p, readFileSync(p));
      }
    };
    walk(dir);
    return out;
  }

  /** The test station's clock is a fixedClock (test-station.ts); the hub reads the same clock. */
  function advanceClock(ms: number): void {
    (world.station.ports.clock as Clock & { advance(ms: number): void }).advance(ms);
  }

  describe('hostile USB drives at the hub', () => {
    const exportOne = async () => {
      await fillOutbox(world, 1, 1);
      const target = await world.target();
      const exported = await usbExport(world.station.deps, world.keys, target, drive);
      expect(exported.written).toBe(1);
      return target;
    };
    const unitOf = () => world.station.deps.unit.unit_id;
    const rejectFirst = async () => {
      const id = world.station.deps.sqlite
        .prepare('SELECT id FROM applications ORDER BY number')
        .pluck()
        .get() as string;
      const decided = await decideApplication(
        world.hub,
        { applicationId: id, decision: 'reject', reason: 'Foto KK tidak terbaca', ...SIGNER },
        world.hub.at(),
      );
      expect(decided).toMatchObject({ ok: true });
    };

    it('finding 1.5: an empty folder named after a unit gets no updates; a station gets them sealed to it', async () => {
      const target = await exportOne();
      expect((await world.hub.importDrive(drive)).every((r) => r.ok)).toBe(true);
      await rejectFirst();
      const unit = unitOf();

      // The attack: anyone makes lakon-mandira/<unitId>/ on a drive (unit ids are not secret).
      const other = mkdtempSync(join(tmpdir(), 'lm-drive-'));
      try {
        mkdirSync(driveFolder(other, unit), { recursive: true });
        const report = await world.hub.importDriveReport(other);
        expect(report.units).toEqual([{ unitId: unit, updates: false, reason: 'NOT_PROVEN' }]);
        expect(existsSync(join(driveFolder(other, unit), 'updates.json'))).toBe(false);
        // The old unsigned cursor file proves nothing either.
        writeFileSync(join(driveFolder(other, unit), 'cursor.json'), JSON.stringify({ after: 0 }));
        expect((await world.hub.importDriveReport(other)).units[0]?.reason).toBe('BAD_CURSOR');
        // Nor one signed by another key.
        const forged = signUsbCursor(
          keyPairFromSeed('ed25519', Buffer.alloc(32, 7)).privateKey,
          unit,
          0,
          world.station.ports.clock.now(),
        );
        writeFileSync(join(driveFolder(other, unit), 'cursor.json'), JSON.stringify(forged));
        expect((await world.hub.importDriveReport(other)).units[0]?.reason).toBe(
          'CURSOR_NOT_SIGNED',
        );
        expect(existsSync(join(driveFolder(other, unit), 'updates.json'))).toBe(false);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }

      // The station's own drive: its packet proves it; the updates are sealed to its key.
      const report = await world.hub.importDriveReport(drive);
      expect(report.units).toEqual([{ unitId: unit, updates: true, reason: null }]);
      const text = readFileSync(join(driveFolder(drive, unit), 'updates.json'), 'utf8');
      expect(text).not.toContain('Foto KK tidak terbaca');
      expect(text).not.toContain('ditolak');
      expect(openUpdates(randomBytes(32), JSON.parse(text), unit, 'usb')).toBeNull();
      const back = await usbImport(world.station.deps, target, drive);
      expect(back.refused).toEqual([]);
      expect(back.updates?.applied).toBe(1);
      expect(stationCount(world, 'applications', "status = 'ditolak'")).toBe(1);
    });

    it('finding 1.5: a drive with only the signed cursor gets updates; an older or stale cursor does not', async () => {
      const target = await exportOne();
      await world.hub.importDrive(drive);
      await usbImport(world.station.deps, target, drive);
      await rejectFirst();
      const unit = unitOf();
      const cursorFile = join(driveFolder(drive, unit), 'cursor.json');
      const older = readFileSync(cursorFile);
      advanceClock(60_000);
      // Nothing left to send: the export writes only a fresh signed cursor.
      expect((await usbExport(world.station.deps, world.keys, target, drive)).written).toBe(0);
      rmSync(join(driveFolder(drive, unit), 'updates.json'), { force: true });
      expect((await world.hub.importDriveReport(drive)).units).toEqual([
        { unitId: unit, updates: true, reason: null },
      ]);
      // The same drive again is fine (same file); a copy of an older cursor is not.
      expect((await world.hub.importDriveReport(drive)).units[0]?.updates).toBe(true);
      rmSync(join(driveFolder(drive, unit), 'updates.json'));
      writeFileSync(cursorFile, older);
      expect((await world.hub.importDriveReport(drive)).units[0]).toEqual({
        unitId: unit,
        updates: false,
        reason: 'CURSOR_REPLAYED',
      });
      expect(existsSync(join(driveFolder(drive, unit), 'updates.json'))).toBe(false);
      // A cursor written more than 14 days before the hub's clock is stale.
      await usbExport(world.station.deps, world.keys, target, drive);
      advanceClock(15 * 24 * 60 * 60 * 1000);
      expect((await world.hub.importDriveReport(drive)).units[0]?.reason).toBe('CURSOR_STALE');
      expect(existsSync(join(driveFolder(drive, unit), 'updates.json'))).toBe(false);
    });

    it('finding 1.6: a link on the drive to the hub signing key: the folder is refused, the key is untouched', async () => {
      await exportOne();
      const unit = unitOf();
      const keyFile = join(world.hubDir, 'keys', 'hub-signing.key');
      const keysBefore = treeBytes(join(world.hubDir, 'keys'));
      const fingerprint = keyId(world.hub.keys.signing.publicRaw);
      const folder = driveFolder(drive, unit);
      const packetId = (readdirSync(join(folder, 'packets'))[0] as string).slice(0, -4);
      mkdirSync(join(folder, 'receipts'));
      // Exactly the attack: the .part names the hub writes through, linked to the signing key.
      symlinkSync(keyFile, join(folder, 'receipts', `${packetId}.json.part`));
      symlinkSync(keyFile, join(folder, 'updates.json.part'));
      const report = await world.hub.importDriveReport(drive);
      expect(report.units).toEqual([{ unitId: unit, updates: false, reason: 'DRIVE_LINK' }]);
      // Refused before anything in the folder was read: no packet imported, nothing written.
      expect(report.packets).toEqual([]);
      expect(await hubCount(world, 'packets')).toBe(0);
      expect(treeBytes(join(world.hubDir, 'keys'))).toEqual(keysBefore);
      expect(existsSync(join(folder, 'updates.json'))).toBe(false);
      await world.restartHub();
      expect(keyId(world.hub.keys.signing.publicRaw)).toBe(fingerprint);

      // A linked folder (receipts -> the hub's keys, the whole lakon-mandira -> the hub's data).
      rmSync(join(folder, 'receipts'), { recursive: true });
      rmSync(join(folder, 'updates.json.part'));
      symlinkSync(join(world.hubDir, 'keys'), join(folder, 'receipts'));
      expect((await world.hub.importDriveReport(drive)).units[0]?.reason).toBe('DRIVE_LINK');
      const linked = mkdtempSync(join(tmpdir(), 'lm-drive-'));
      try {
        symlinkSync(world.hubDir, join(linked, 'lakon-mandira'));
        expect((await world.hub.importDriveReport(linked)).units).toEqual([
          { unitId: 'lakon-mandira', updates: false, reason: 'DRIVE_LINK' },
        ]);
      } finally {
        rmSync(linked, { recursive: true, force: true });
      }
      expect(treeBytes(join(world.hubDir, 'keys'))).toEqual(keysBefore);
    });

    it('finding 1.6: a FIFO or a huge file on the drive is refused without being opened', async () => {
      await exportOne();
      const unit = unitOf();
      const folder = driveFolder(drive, unit);
      const fifo = join(folder, 'packets', '01900000-0000-7000-8000-00000000f1f0.lmp');
      execFileSync('mkfifo', [fifo]);
      // Opening a FIFO for reading blocks until a writer comes: this import would never end.
      expect(await world.hub.importFile(fifo)).toMatchObject({
        ok: false,
        reason: 'DRIVE_NOT_FILE',
      });
      expect((await world.hub.importDriveReport(drive)).units[0]).toEqual({
        unitId: unit,
        updates: false,
        reason: 'DRIVE_NOT_FILE',
      });
      rmSync(fifo);
      const huge = join(folder, 'packets', '01900000-0000-7000-8000-00000000b16b.lmp');
      writeFileSync(huge, '');
      truncateSync(huge, MAX_PACKET_BYTES + 1); // sparse: no disk used, nothing read
      expect(await world.hub.importFile(huge)).toMatchObject({
        ok: false,
        reason: 'DRIVE_TOO_LARGE',
      });
      const report = await world.hub.importDriveReport(drive);
      expect(report.packets.map((p) => [p.ok, p.reason]).sort()).toEqual([
        [false, 'DRIVE_TOO_LARGE'],
        [true, null],
      ]);
    });

    it('finding 1.7: a packet id "../packets/<unit>/<id>" cannot touch a committed packet’s archive', async () => {
      await exportOne();
      const unit = unitOf();
      expect((await world.hub.importDrive(drive)).every((r) => r.ok)).toBe(true);
      const committed = await world.hub.db
        .selectFrom('packets')
        .selectAll()
        .executeTakeFirstOrThrow();
      const archive = join(world.hubDir, 'packets', committed.file_name as string);
      const archived = readFileSync(archive);
      const hostile = join(drive, 'hostile.lmp');
      const writer = await PacketWriter.create(hostile, {
        packetId: `../packets/${unit}/${committed.packet_id}`,
        unitId: unit,
        createdAt: world.station.ports.clock.now().toISOString(),
        signing: world.keys.signing,
        recipientPublicKey: world.hub.keys.encryption.publicRaw,
      });
      await writer.addEntry('records-0001.jsonl', Buffer.from('{}\n'));
      await writer.finish({ fromSeq: 1, toSeq: 1, count: 1 });
      expect(await world.hub.importFile(hostile)).toMatchObject({
        ok: false,
        reason: 'BAD_HEADER',
      });
      expect(readFileSync(archive)).toEqual(archived);
      expect(
        await world.hub.db.selectFrom('packets').select(['packet_id', 'state']).execute(),
      ).toEqual([{ packet_id: committed.packet_id, state: 'committed' }]);
      // Under the drive layout too, whatever the file is called.
      const packetsDir = join(driveFolder(drive, unit), 'packets');
      renameSync(hostile, join(packetsDir, `${committed.packet_id}.lmp`));
      const report = await world.hub.importDriveReport(drive);
      expect(report.packets).toMatchObject([{ ok: false, reason: 'BAD_HEADER' }]);
      expect(readFileSync(archive)).toEqual(archived);
    });

    it('finding 1.12: the district’s copy of a photo is kept encrypted, nowhere as a plain file', async () => {
      const secret = randomBytes(3000);
      const jpeg = Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        secret,
        Buffer.from([0xff, 0xd9]),
      ]);
      await submitAtKiosk(desk(world.station), {
        photos: [
          {
            requirementCode: 'kk',
            dataBase64: jpeg.toString('base64'),
            width: 1200,
            height: 900,
            takenAt: '2026-11-29T01:59:00.000Z',
          },
        ],
      });
      const target = await world.target();
      await usbExport(world.station.deps, world.keys, target, drive);
      expect((await world.hub.importDrive(drive)).every((r) => r.ok)).toBe(true);
      const probe = secret.subarray(100, 164);
      for (const [path, bytes] of treeBytes(world.hubDir))
        expect(bytes.includes(probe), `plain photo bytes in ${path}`).toBe(false);
      expect(existsSync(join(world.hubDir, 'attachments'))).toBe(false);
      const sha = createHash('sha256').update(jpeg).digest('hex');
      expect((await world.hub.attachment(sha))?.data.equals(jpeg)).toBe(true);

      // A hub folder from before: the photo as a file, its row without bytes. Opening moves it in.
      const row = await world.hub.db
        .selectFrom('attachments')
        .select('file_name')
        .where('sha256', '=', sha)
        .executeTakeFirstOrThrow();
      await world.hub.db.updateTable('attachments').set({ data: null }).execute();
      mkdirSync(join(world.hubDir, 'attachments'));
      writeFileSync(join(world.hubDir, 'attachments', row.file_name), jpeg);
      await world.restartHub();
      expect(existsSync(join(world.hubDir, 'attachments'))).toBe(false);
      expect((await world.hub.attachment(sha))?.data.equals(jpeg)).toBe(true);
    });
  });

  describe('hostile USB drives at the station', () => {
    it('finding 1.6: links and FIFOs where the station reads or writes are refused, their targets untouched', async () => {
      await fillOutbox(world, 1, 0);
      const target = await world.target();
      const unit = world.station.deps.unit.unit_id;
      const folder = driveFolder(drive, unit);
      const sentinelDir = mkdtempSync(join(tmpdir(), 'lm-sentinel-'));
      try {
        const sentinel = join(sentinelDir, 'precious.txt');
        writeFileSync(sentinel, 'do not touch');
        const packet = await world.station.deps.db
          .selectFrom('sync_packets')
          .select('id')
          .executeTakeFirst();
        expect(packet).toBeUndefined();
        // The export writes through <name>.part and cursor.json: both are links here.
        mkdirSync(join(folder, 'packets'), { recursive: true });
        symlinkSync(sentinel, join(folder, 'cursor.json.part'));
        symlinkSync(sentinel, join(folder, 'cursor.json'));
        const exported = await usbExport(world.station.deps, world.keys, target, drive);
        expect(exported.written).toBe(1);
        expect(readFileSync(sentinel, 'utf8')).toBe('do not touch');
        expect(lstatSync(join(folder, 'cursor.json')).isFile()).toBe(true);

        // Reading back: a receipt that is a link, updates.json that is a FIFO.
        const name = (readdirSync(join(folder, 'packets'))[0] as string).replace('.lmp', '.json');
        mkdirSync(join(folder, 'receipts'));
        symlinkSync(sentinel, join(folder, 'receipts', name));
        execFileSync('mkfifo', [join(folder, 'updates.json')]);
        const back = await usbImport(world.station.deps, target, drive);
        expect(back.refused).toEqual([
          { file: name, reason: 'DRIVE_LINK' },
          { file: 'updates.json', reason: 'DRIVE_NOT_FILE' },
        ]);
        expect(back.receipts).toBe(0);
        expect(readFileSync(sentinel, 'utf8')).toBe('do not touch');

        // A linked packets folder on export is refused, nothing written through it.
        rmSync(folder, { recursive: true });
        mkdirSync(folder, { recursive: true });
        symlinkSync(sentinelDir, join(folder, 'packets'));
        await expect(
          usbExport(world.station.deps, world.keys, target, drive),
        ).rejects.toMatchObject({
          reason: 'DRIVE_LINK',
        });
        expect(readdirSync(sentinelDir)).toEqual(['precious.txt']);
      } finally {
        rmSync(sentinelDir, { recursive: true, force: true });
      }
    });
  });
});
