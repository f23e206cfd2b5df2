import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyQrPayload } from '../core/sync/document-qr';
import { pullUpdates } from '../core/sync/pull';
import { syncRun } from '../core/sync/run';
import { driveFolder, usbExport, usbImport } from '../core/sync/usb';
import { desk, photo, submitAtKiosk, value } from '../core/desk/desk-fixtures';
import { memoryPair } from '../transport/memory-pair';
import { decideApplication, revokeDocument } from './decisions';
import { fillOutbox, hubCount, stationCount, syncWorld, type SyncWorld } from './sync-fixtures';

let world: SyncWorld;
let drive: string;
beforeEach(async () => {
  world = await syncWorld();
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
    expect(verifyQrPayload(target.districtSigningKey, doc.qr_payload, revocations())).toMatchObject(
      {
        status: 'valid',
        body: { n: doc.document_number, k: 'kk' },
      },
    );
    // A pull again applies nothing twice.
    expect((await pullUpdates(world.station.deps, world.keys, target)).applied).toBe(0);

    await revokeDocument(
      world.hub,
      { documentNumber: doc.document_number, reason: 'Data salah cetak' },
      at,
    );
    await pullUpdates(world.station.deps, world.keys, target);
    expect(verifyQrPayload(target.districtSigningKey, doc.qr_payload, revocations())).toMatchObject(
      {
        status: 'revoked',
        reason: 'Data salah cetak',
      },
    );
    // A QR someone edited (another document number) fails the signature.
    const [prefix, body, signature] = doc.qr_payload.split('.');
    const forged = JSON.parse(Buffer.from(body as string, 'base64url').toString()) as { n: string };
    forged.n = '1602-KK-01012026-9999';
    const forgedText = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    expect(verifyQrPayload(target.districtSigningKey, forgedText, revocations())).toEqual({
      status: 'invalid',
      problem: 'BAD_SIGNATURE',
    });
  });
});
