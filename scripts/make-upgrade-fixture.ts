/**
 * Builds db/fixtures/station-47feccf.db: a station database written by the code of commit 47feccf
 * (the first release stations in the field update from), with rows in every table, for
 * db/upgrade.test.ts. RUN AT COMMIT 47feccf, once; the result is committed, the script kept:
 *
 *   git worktree add /tmp/lm-47feccf 47feccf
 *   ln -s "$PWD/node_modules" /tmp/lm-47feccf/node_modules
 *   cp scripts/make-upgrade-fixture.ts /tmp/lm-47feccf/scripts/
 *   cd /tmp/lm-47feccf && npx esbuild scripts/make-upgrade-fixture.ts --bundle --platform=node \
 *     --format=esm --packages=external --outfile=dist/make-upgrade-fixture.mjs \
 *     && node dist/make-upgrade-fixture.mjs <out-dir>
 *   cp <out-dir>/station-47feccf.db <out-dir>/station-47feccf.key <out-dir>/station-47feccf.json \
 *     <repo>/db/fixtures/
 *   git worktree remove /tmp/lm-47feccf
 *
 * Everything goes through the real handlers (kiosk, desk, printing, recording, stock, registry
 * import, card binding, hardware check, accounts, sync with an in-process hub, pull of district
 * decisions) on a training station with a fixed clock, sequential ids and a fixed database key;
 * the few tables no handler fills at that commit get direct inserts that respect the schema.
 * Later migrations do not change this file: they add their rows in db/upgrade.test.ts (see
 * db/README.md, "Upgrade fixture").
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { verifyAuditChain } from '../db/queries/audit';
import type { Result } from '../electron/contract';
import { desk, KIOSK, photo, SRI, submitAtKiosk, value } from '../electron/testing/desk';
import { writeSyntheticExtract } from '../electron/core/demo/extract';
import { as, person, recordingArgs } from '../electron/testing/recording';
import { pullUpdates } from '../electron/core/sync/pull';
import { syncRun } from '../electron/core/sync/run';
import { decideApplication, revokeDocument } from '../electron/hub/decisions';
import { syncWorld } from '../electron/testing/sync';
import { memoryPair } from '../electron/transport/memory-pair';

/** The fixture's database key (test data only: synthetic people, a training station). */
export const FIXTURE_KEY = '5ce2a0b1d4f6e8a9c7b5d3f1e2c4a6b8d0f2e4c6a8b0d2f4e6c8a0b2d4f6e8a0';

const SIGNER = {
  signerName: 'Drs. H. Contoh, M.Si',
  signerTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
};
const ADMIN = { role: 'admin', userName: 'Rina Admin', mode: 'officer' } as const;
const SUPERVISOR = { role: 'supervisor', userName: 'Budi', mode: 'officer', userId: null } as const;

async function main(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const world = await syncWorld();
  const { station } = world;
  const { deps } = station;
  const sql = deps.sqlite;
  station.ports.printer = {
    print: () => Promise.resolve({ printed: true, pdf: null }),
    toPdf: () => Promise.resolve(new Uint8Array(Buffer.from('%PDF-1.4 fixture\n%%EOF\n'))),
    list: () => Promise.resolve([]),
  };
  let n = 0;
  const client = (session: Parameters<typeof memoryPair>[2]) =>
    memoryPair(station.dispatcher, `fixture-${n++}`, session);
  const must = async <T>(p: Promise<Result<T>>) => value(await p);

  // Accounts: first-run setup, then an operator and a supervisor; a failed login too.
  const kiosk = client(KIOSK);
  await must(
    kiosk.send('auth-setup', { username: 'rina', displayName: 'Rina Admin', pin: '482913' }),
  );
  const admin = client(ADMIN);
  await must(
    admin.send('auth-users-create', {
      username: 'sri',
      displayName: 'Sri Wahyuni',
      role: 'operator',
      pin: '739104',
    }),
  );
  await must(
    admin.send('auth-users-create', {
      username: 'budi',
      displayName: 'Budi Santoso',
      role: 'supervisor',
      pin: '615283',
    }),
  );
  await client(KIOSK).send('auth-login', { username: 'sri', pin: '000000' });
  await must(
    admin.send('print-settings-set', { document: 'HP LaserJet', card: null, receipt: null }),
  );

  // Kiosk: tickets, applications with photos and consent.
  const ticket = await must(kiosk.send('kiosk-ticket-take', { serviceCode: 'kk' }));
  await must(kiosk.send('kiosk-ticket-print', { ticketId: ticket.id }));
  const d = desk(station);
  const first = await submitAtKiosk(d, { photos: [photo('kk', 3)] });
  const second = await submitAtKiosk(d, {
    serviceCode: 'kk-hilang-rusak',
    photos: [photo('ktp-el', 4)],
  });
  const third = await submitAtKiosk(d, { photos: [photo('kk', 5)] });

  // Desk: claim, checks, decisions.
  const officer = as(station, SRI);
  await must(officer.send('desk-application-claim', { id: first }));
  const detail = await must(officer.send('desk-application-get', { id: first }));
  for (const requirement of detail.requirements ?? []) {
    await officer.send('desk-requirement-check', {
      id: first,
      requirementCode: requirement.code,
      state: 'ok',
    });
  }
  await officer.send('desk-application-decide', { id: first, decision: 'approve' });
  await must(officer.send('desk-application-claim', { id: third }));
  await officer.send('desk-application-decide', {
    id: third,
    decision: 'return',
    reason: 'Foto KK tidak terbaca',
  });

  // Registry: an import with a few rejected lines, a card binding.
  const supervisor = client(SUPERVISOR);
  const csv = join(outDir, 'extract.csv');
  await writeSyntheticExtract(csv, {
    residents: 40,
    seed: 47,
    villageCodes: [deps.unit.region_code],
  });
  appendFileSync(csv, '1,2,3\r\nNOT,A,VALID,LINE\r\n');
  const bytes = readFileSync(csv);
  const begun = await must(
    supervisor.send('registry-import-begin', { fileName: 'ekstrak.csv', sizeBytes: bytes.length }),
  );
  await must(
    supervisor.send('registry-import-chunk', {
      importId: begun.importId,
      offset: 0,
      dataBase64: bytes.toString('base64'),
    }),
  );
  await must(supervisor.send('registry-import-start', { importId: begun.importId }));
  for (let i = 0; i < 2000; i++) {
    const list = await must(supervisor.send('registry-import-list', { limit: 10 }));
    if (list.every((s) => s.status !== 'running')) break;
    await new Promise((done) => setTimeout(done, 20));
  }
  rmSync(csv);
  const adult = person(station, 0, { birthDate: '1990-03-12' });
  await must(officer.send('registry-card-bind', { nik: adult.nik, uid: '04112233445566' }));

  // Recording, stock, printing, handover.
  const recording = await must(
    officer.send('recording-create', recordingArgs({ residentRef: adult.ref }, 'blue')),
  );
  await must(
    officer.send('recording-training-district', {
      id: recording.id,
      status: 'terkirim',
      at: '2026-11-29T03:00:00.000Z',
    }),
  );
  await must(
    officer.send('recording-training-district', {
      id: recording.id,
      status: 'prr',
      at: '2026-11-29T04:00:00.000Z',
    }),
  );
  await must(
    officer.send('stock-move', {
      item: 'blanko-ktp-el',
      kind: 'received',
      count: 10,
      note: 'BAST-2026/11/07',
    }),
  );
  await must(
    officer.send('stock-move', {
      item: 'ribbon',
      kind: 'received',
      count: 100,
      note: 'BAST-2026/11/08',
    }),
  );
  await must(
    officer.send('stock-move', {
      item: 'blanko-ktp-el',
      kind: 'spoiled',
      count: 1,
      note: 'Kartu rusak di printer',
    }),
  );
  await must(supervisor.send('stock-threshold-set', { item: 'ribbon', lowThreshold: 20 }));
  await must(
    officer.send('print-run', {
      kind: 'ktp-el',
      subject: { recordingId: recording.id },
      copies: 1,
    }),
  );
  await must(
    officer.send('recording-handover', {
      id: recording.id,
      recipientName: 'Budi Santoso',
      recipientRelation: 'sendiri',
      cardUid: '04A1B2C3D4E580',
    }),
  );
  await must(
    officer.send('print-run', { kind: 'kk', subject: { applicationId: second }, copies: 1 }),
  );
  await must(
    officer.send('hardware-check-run', {
      camera: { passed: true, detail: 'Kamera depan 1280×720' },
      printTestPage: true,
    }),
  );

  // Sync: packets up to the hub, district decisions and a revocation back down.
  const target = await world.target();
  await syncRun(deps, world.keys, target);
  const issued = await decideApplication(
    world.hub,
    { applicationId: second, decision: 'issue', kind: 'kk', ...SIGNER },
    world.hub.at(),
  );
  await decideApplication(
    world.hub,
    { applicationId: first, decision: 'reject', reason: 'Dokumen tidak terbaca', ...SIGNER },
    world.hub.at(),
  );
  await pullUpdates(deps, world.keys, target);
  if (issued.ok && issued.documentNumber) {
    await revokeDocument(
      world.hub,
      { documentNumber: issued.documentNumber, reason: 'Salah cetak' },
      world.hub.at(),
    );
    await pullUpdates(deps, world.keys, target);
  }
  await officer.send('sync-document-verify', { text: 'not a document' });
  // New outbox rows after the sync (pending rows as well as exported ones).
  const fourth = await submitAtKiosk(d, { photos: [photo('kk', 6)] });
  await must(officer.send('desk-application-claim', { id: fourth }));
  await must(
    admin.send('sync-settings-set', {
      warnDays: 5,
      blockDays: 14,
      minFreeMb: 500,
      retentionDays: 30,
    }),
  );

  // Tables no handler of this commit fills in this run: direct rows that respect the schema.
  const at = '2026-11-29T05:00:00.000Z';
  const empty = (table: string) =>
    (sql.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) === 0;
  if (empty('outbox_rejections')) {
    // What a district refusal leaves (electron/core/sync/upload.ts): the refused row stays in
    // the outbox, pointing at its packet.
    const row = sql
      .prepare('SELECT id, packet_id FROM outbox WHERE packet_id IS NOT NULL ORDER BY seq LIMIT 1')
      .get() as { id: string; packet_id: string };
    sql
      .prepare(
        'INSERT INTO outbox_rejections (outbox_id, packet_id, reason, at) VALUES (?, ?, ?, ?)',
      )
      .run(row.id, row.packet_id, 'Format rekaman tidak dikenal', at);
  }
  if (empty('registry_import_undo')) {
    // What an import that changed a resident keeps to undo it (registry/import-rollback.ts).
    const importId = sql.prepare('SELECT id FROM registry_imports LIMIT 1').pluck().get() as string;
    const resident = sql.prepare('SELECT * FROM residents ORDER BY id LIMIT 1').get() as {
      nik: string;
    };
    sql
      .prepare('INSERT INTO registry_import_undo (import_id, kind, key, data) VALUES (?, ?, ?, ?)')
      .run(importId, 'resident', resident.nik, JSON.stringify(resident));
  }
  if (empty('purged_photos')) {
    // What the photo purge records after the district's receipt (electron/core/sync/purge.ts).
    const shot = sql
      .prepare('SELECT application_id, sha256, requirement_code FROM application_photos LIMIT 1')
      .get() as { application_id: string; sha256: string; requirement_code: string };
    sql
      .prepare(
        'INSERT INTO purged_photos (application_id, sha256, requirement_code, purged_at) VALUES (?, ?, ?, ?)',
      )
      .run(shot.application_id, 'f'.repeat(64), shot.requirement_code, at);
  }
  const stillEmpty = (
    sql
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[]
  ).filter(empty);
  if (stillEmpty.length > 0) console.log(`EMPTY TABLES: ${stillEmpty.join(', ')}`);

  const check = await verifyAuditChain(deps.db);
  if (!check.isIntact) throw new Error(`audit chain broken: ${JSON.stringify(check)}`);
  const file = join(station.dataDir, 'station.db');
  sql.pragma('wal_checkpoint(TRUNCATE)');
  await world.closeStation();
  // The copy is rekeyed from the station's random key to the fixed one the fixture is kept with
  // (rekeying needs the rollback journal, not WAL), then compacted.
  const out = join(outDir, 'station-47feccf.db');
  copyFileSync(file, out);
  const copy = new SQLite(out);
  copy.pragma(`cipher='sqlcipher'`);
  copy.pragma('legacy=4');
  copy.pragma(
    `key="x'${readFileSync(join(station.dataDir, 'keys', 'database.key'), 'utf8').trim()}'"`,
  );
  copy.pragma('journal_mode = DELETE');
  copy.pragma(`rekey="x'${FIXTURE_KEY}'"`);
  // Small enough to keep in the repository (< 2 MB; an encrypted file does not compress): the
  // Kemendagri table down to the station's regency, the synthetic registry down to 200 residents
  // plus every one a row elsewhere points at. Foreign keys are on and checked after.
  copy.pragma('foreign_keys = ON');
  copy.exec(`
    DELETE FROM regions WHERE code <> '16' AND code NOT LIKE '1602%';
    DELETE FROM residents WHERE id > 200 AND source NOT LIKE 'import:%'
      AND nik NOT IN (SELECT resident_nik FROM card_bindings)
      AND nik NOT IN (SELECT resident_nik FROM recordings WHERE resident_nik IS NOT NULL)
      AND nik NOT IN (SELECT applicant_nik FROM applications WHERE applicant_nik IS NOT NULL);
    DELETE FROM family_memberships WHERE nik NOT IN (SELECT nik FROM residents);
    DELETE FROM resident_name_tokens WHERE resident_id NOT IN (SELECT id FROM residents);
    DELETE FROM families WHERE kk_number NOT IN (SELECT kk_number FROM residents)
      AND kk_number NOT IN (SELECT kk_number FROM family_memberships);
  `);
  const broken = copy.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`foreign keys broken: ${JSON.stringify(broken)}`);
  copy.exec('VACUUM');
  const tables = copy
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
  const counts = Object.fromEntries(
    tables.map((t) => [t, copy.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
  );
  console.log(JSON.stringify(counts, null, 1));
  copy.close();
  writeFileSync(join(outDir, 'station-47feccf.key'), `${FIXTURE_KEY}\n`);
  writeFileSync(
    join(outDir, 'station-47feccf.json'),
    `${JSON.stringify({ commit: '47feccf', counts }, null, 2)}\n`,
  );
  await world.dispose();
}

await main(resolve(process.argv[2] ?? 'fixture-out'));
