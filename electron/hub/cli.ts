import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listPackets, listRecords, listRefusals } from '../../db/queries/hub-packets';
import { listStations } from '../../db/queries/hub-stations';
import { revokeStationKey } from '../../db/queries/office-stations';
import { HUB_DB_FILE, redacted } from '../../db/open-hub';
import { FileKeyStore } from '../protocol/key-store.file';
import { keyId } from '../protocol/packet/keys';
import { decideApplication, revokeDocument } from './decisions';
import { appendOfficeAudit, CLI_ACTOR } from './office/audit';
import { createAdmin } from './office/admin-create';
import { OfficeError } from './office/handler';
import { markRecordings } from './office/recordings';
import { outreachEventList } from './office/report-outreach';
import { trainingTteSigner, useTteSigner } from './office/tte';
import { Hub } from './hub';
import { insecureServeProblem, isLoopbackHost, startHubServer } from './server';

/**
 * The district staff's command line (`npm run hub -- <command>`; docs/sync-protocol.md, "Hub").
 * Every command opens the hub's encrypted database in --data (default ./hub-data), does one
 * thing and prints what it did; `serve` runs the HTTP endpoints until stopped.
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when `serve` should stop (tests); the real main never resolves it. */
  stop?: Promise<void> | undefined;
  /**
   * Reads a secret typed at a terminal without echo (admin-create); null when there is no
   * terminal. Default: the process's TTY, if stdin is one.
   */
  readSecret?: ((prompt: string) => Promise<string | null>) | undefined;
}

export const USAGE = `Lakon Mandira district hub

  npm run hub -- <command> [options]      (every command takes --data DIR, default ./hub-data)
                                  --database postgres://... (or LM_HUB_DATABASE_URL): the
                                  hub's database in PostgreSQL instead of hub.db in --data

  serve [--host 127.0.0.1] [--port 8470] [--public-url URL]
        [--tls-cert FILE --tls-key FILE] [--insecure-http] [--tte training]
                                  run the endpoints stations upload to and pull from; HTTPS
                                  with --tls-cert/--tls-key (PEM). Any host but loopback needs
                                  them; --insecure-http (a lab only) serves plain HTTP anyway;
                                  --tte training signs attached PDFs with the training TTE
                                  (docs/tte.md)
  key                             the district's key fingerprints
  enrol <request.json> --hub-url URL [--out answer.json]
                                  register a station from its request file; writes the answer
  stations                        enrolled stations
  packets [--unit ID]             packets received
  records [--unit ID] [--aggregate NAME] [--limit N]
                                  records received (one line each)
  refusals                        packets refused, with reasons
  outreach-list                   outreach events (Jelades Semedi) with their confirmed reports:
                                  station, villages, days, people served, same-day share,
                                  versions (a PDF: back-office, Laporan > Kegiatan jemput bola)
  issue <applicationId> --kind KIND --signer NAME --title TITLE
                                  issue the document of an application (signed, with its QR)
  reject <applicationId> --reason TEXT --signer NAME
                                  reject an application with a reason
  recording <recordingId> prr|duplicate [--note TEXT]
                                  the de-duplication outcome of a KTP-el recording
  revoke <documentNumber> --reason TEXT
                                  revoke an issued document
  station-revoke <unitId> --reason TEXT
                                  revoke a station's key (its requests are refused; enrol it
                                  again from a new request file)
  import <drive folder>           import packets from a USB drive, write receipts and (sealed)
                                  updates for each station that proved itself on the drive
  attachment <sha256> --out FILE  write one received photo (kept encrypted in hub.db) to FILE
  admin-create --user NAME --name "Full Name" [--title JABATAN] [--password-file FILE]
               [--force-another]
                                  the back-office's first administrator (on the server
                                  itself); the password from FILE or typed (not echoed)
  backup --out FILE               a consistent copy of hub.db, still encrypted with its key,
                                  taken while the hub serves (PostgreSQL: use pg_dump)
`;

const DISTRICT = 'Disdukcapil Kabupaten Ogan Komering Ilir';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string', default: './hub-data' },
        database: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8470' },
        'public-url': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'insecure-http': { type: 'boolean', default: false },
        tte: { type: 'string' },
        'hub-url': { type: 'string' },
        out: { type: 'string' },
        unit: { type: 'string' },
        aggregate: { type: 'string' },
        limit: { type: 'string', default: '50' },
        kind: { type: 'string' },
        signer: { type: 'string' },
        title: { type: 'string' },
        reason: { type: 'string' },
        note: { type: 'string' },
        district: { type: 'string', default: DISTRICT },
        help: { type: 'boolean', short: 'h' },
        user: { type: 'string' },
        name: { type: 'string' },
        'password-file': { type: 'string' },
        'force-another': { type: 'boolean', default: false },
        'idle-minutes': { type: 'string' },
      },
    });
  } catch (error) {
    io.err(String((error as Error).message));
    io.err(USAGE);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (!command || o.help) {
    io.out(USAGE);
    return command || o.help ? 0 : 2;
  }
  // serve: TLS files and the plain-HTTP rule are checked before the hub's folder is touched.
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (command === 'serve') {
    if (Boolean(o['tls-cert']) !== Boolean(o['tls-key'])) {
      io.err('--tls-cert and --tls-key go together');
      return 2;
    }
    const problem = insecureServeProblem(o.host, {
      hasTls: Boolean(o['tls-cert']),
      allowInsecureHttp: o['insecure-http'],
    });
    if (problem) {
      io.err(problem);
      return 2;
    }
    try {
      if (o['tls-cert'] && o['tls-key'])
        tls = { cert: readFileSync(o['tls-cert']), key: readFileSync(o['tls-key']) };
    } catch (error) {
      io.err(`cannot read the TLS files: ${(error as Error).message}`);
      return 2;
    }
  }
  const dataDir = resolve(o.data);
  const databaseUrl = o.database ?? process.env['LM_HUB_DATABASE_URL'] ?? null;
  if (command === 'backup' && databaseUrl) {
    io.err('backup copies the SQLite hub.db; a hub on PostgreSQL is backed up with pg_dump:');
    io.err(`  pg_dump --format=custom --file=hub.dump '${redacted(databaseUrl)}'`);
    io.err('and restored with pg_restore (README, "District hub: databases").');
    return 2;
  }
  const hub = await Hub.open({
    dataDir,
    keyStore: new FileKeyStore(join(dataDir, 'keys')),
    districtName: o.district,
    databaseUrl,
  });
  const need = (value: string | undefined, name: string): string => {
    if (!value) throw new UsageError(`${command} needs ${name}`);
    return value;
  };
  /** The back-office's audit chain, as the command line (CLI_ACTOR). */
  const cliAudit = async (trx: Hub['db'], action: string, detail: Record<string, unknown>) => {
    await appendOfficeAudit(trx, CLI_ACTOR, action, detail, hub.at());
  };
  try {
    switch (command) {
      case 'serve': {
        if (!tls && !isLoopbackHost(o.host))
          io.err(
            `WARNING: --insecure-http: serving plain HTTP on ${o.host}. Anyone on the network ` +
              "sees which station talks to the hub, and the district staff's passwords and " +
              'cookies. A lab only: never in production.',
          );
        if (o.tte === 'training') {
          useTteSigner(hub, trainingTteSigner());
          io.err('TTE: training signer: attached PDFs are stamped "TTE PELATIHAN" (docs/tte.md).');
        } else if (o.tte) throw new UsageError('--tte takes only "training" (docs/tte.md)');
        const server = await startHubServer(hub, {
          host: o.host,
          port: Number(o.port),
          tls,
          allowInsecureHttp: o['insecure-http'],
          onError: (error) => io.err(`request failed: ${String(error)}`),
          office: {
            rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
            publicUrl: o['public-url'],
            idleMinutes: o['idle-minutes'] ? Number(o['idle-minutes']) : undefined,
            onError: (error) => io.err(`back-office request failed: ${String(error)}`),
          },
        });
        io.out(`Hub listening on ${server.url} (data ${dataDir})`);
        io.out(`Stations use ${o['public-url'] ?? server.url} as the hub address.`);
        await (io.stop ?? new Promise<void>(() => {}));
        await server.close();
        return 0;
      }
      case 'key':
        io.out(`signing key ${keyId(hub.keys.signing.publicRaw)}`);
        io.out(`encryption key ${keyId(hub.keys.encryption.publicRaw)}`);
        return 0;
      case 'enrol': {
        const file = need(rest[0], '<request.json>');
        const answer = await hub.enrol(
          JSON.parse(readFileSync(file, 'utf8')) as unknown,
          need(o['hub-url'], '--hub-url'),
        );
        const out = o.out ?? `jawaban-${answer.unitId}.json`;
        writeFileSync(out, JSON.stringify(answer, null, 2), { mode: 0o600 });
        io.out(`Enrolled unit ${answer.unitId}; answer written to ${out}`);
        io.out(`District key fingerprint: ${keyId(hub.keys.signing.publicRaw)}`);
        return 0;
      }
      case 'stations': {
        const rows = await listStations(hub.db);
        for (const r of rows)
          io.out(
            `${r.unit_id}\t${r.name}\t${r.region_code}\tkey ${keyId(Buffer.from(r.signing_key, 'base64'))}\t${r.revoked_at ? `revoked ${r.revoked_at}` : `enrolled ${r.enrolled_at}`}`,
          );
        io.out(`${rows.length} station(s)`);
        return 0;
      }
      case 'packets': {
        const rows = await listPackets(hub.db, o.unit);
        for (const r of rows) {
          const receipt = r.receipt
            ? (JSON.parse(r.receipt) as { accepted: string[]; rejected: unknown[] })
            : null;
          io.out(
            `${r.packet_id}\t${r.unit_id}\t${r.channel}\t${r.state}\t${r.size} bytes\t${receipt ? `${receipt.accepted.length} accepted, ${receipt.rejected.length} rejected` : `${r.received_bytes} received`}`,
          );
        }
        io.out(`${rows.length} packet(s)`);
        return 0;
      }
      case 'records': {
        const rows = await listRecords(hub.db, {
          unitId: o.unit,
          aggregate: o.aggregate,
          limit: Number(o.limit),
        });
        for (const r of rows)
          io.out(`${r.unit_id}\t${r.seq}\t${r.aggregate}\t${r.aggregate_id}\t${r.op}\t${r.at}`);
        io.out(`${rows.length} record(s) shown`);
        return 0;
      }
      case 'outreach-list': {
        const events = await outreachEventList(hub);
        for (const e of events) {
          const share =
            e.sameDayShare === null ? '-' : `${Math.round(e.sameDayShare * 1000) / 10}%`;
          io.out(
            `${e.stationName}\t${printable(e.title)}\t${e.villages.map(printable).join(', ')}\t${e.days.join(',')}\t${e.peopleServed} served\tsame day ${share}\t${e.latest.scope} v${e.latest.version}${e.isTraining ? '\ttraining' : ''}`,
          );
          for (const r of e.reports)
            io.out(
              `  ${r.scope}\tv${r.version}\t${r.confirmedAt}\t${printable(r.confirmedBy)}\t${r.peopleServed} served\treport ${r.reportId}\tpdf ${r.pdfSha256}`,
            );
        }
        io.out(`${events.length} outreach event(s)`);
        return 0;
      }
      case 'refusals': {
        const rows = await listRefusals(hub.db);
        for (const r of rows)
          io.out(
            `${r.at}\t${r.channel}\t${r.packet_id}\t${r.unit_id ?? '-'}\t${r.reason}\t${r.message}`,
          );
        io.out(`${rows.length} refusal(s)`);
        return 0;
      }
      case 'issue':
      case 'reject': {
        const result = await decideApplication(
          hub,
          {
            applicationId: need(rest[0], '<applicationId>'),
            decision: command,
            kind: o.kind,
            reason: o.reason,
            signerName: need(o.signer, '--signer'),
            signerTitle: o.title ?? 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
          },
          hub.at(),
          // The back-office's audit chain, as the command line (CLI_ACTOR).
          async (action, detail, trx) => {
            await appendOfficeAudit(trx, CLI_ACTOR, action, detail, hub.at());
          },
        );
        if (!result.ok) throw new UsageError(result.problem);
        io.out(
          command === 'issue'
            ? `Issued ${result.documentNumber} for unit ${result.unitId}; it goes out at the station's next pull.`
            : `Rejected; unit ${result.unitId} learns it at its next pull.`,
        );
        return 0;
      }
      case 'recording': {
        const status = rest[1];
        if (status !== 'prr' && status !== 'duplicate')
          throw new UsageError('recording <id> prr|duplicate');
        const recordingId = need(rest[0], '<recordingId>');
        // As the back-office marks it (office_recordings and the audit chain follow).
        await markRecordings(
          hub,
          { recordingIds: [recordingId], status, note: o.note ?? null },
          {
            name: 'Disdukcapil',
            audit: (id, trx) =>
              cliAudit(trx, 'recordings.marked', { recordingId: id, status, note: o.note ?? null }),
          },
          hub.at(),
        );
        io.out(
          `Recording ${recordingId}: ${status.toUpperCase()}; the station learns it at its next pull.`,
        );
        return 0;
      }
      case 'station-revoke': {
        const unitId = need(rest[0], '<unitId>');
        const reason = need(o.reason, '--reason');
        if (reason.trim().length < 3) throw new UsageError('--reason needs 3 characters or more');
        const isRevoked = await hub.db.transaction().execute(async (trx) => {
          const done = await revokeStationKey(trx, unitId, { at: hub.at(), reason: reason.trim() });
          if (done) await cliAudit(trx, 'stations.revoked', { unitId, reason: reason.trim() });
          return done;
        });
        if (!isRevoked) throw new UsageError(`no enrolled station ${unitId} with a key to revoke`);
        io.out(`Revoked the key of unit ${unitId}; its requests are refused from now on.`);
        return 0;
      }
      case 'revoke': {
        const result = await revokeDocument(
          hub,
          { documentNumber: need(rest[0], '<documentNumber>'), reason: need(o.reason, '--reason') },
          hub.at(),
          (action, detail, trx) => cliAudit(trx, action, detail),
        );
        if (!result.ok) throw new UsageError(result.problem);
        io.out(`Revoked ${rest[0]}; every station learns it at its next pull.`);
        return 0;
      }
      case 'import': {
        const report = await hub.importDriveReport(resolve(need(rest[0], '<drive folder>')));
        for (const r of report.packets)
          io.out(
            `${printable(r.unitId)}\t${printable(r.file)}\t${r.ok ? (r.isDuplicate ? 'already had it (same receipt)' : 'accepted') : `REFUSED ${r.reason ?? ''}`}`,
          );
        for (const u of report.units)
          io.out(
            `${printable(u.unitId)}\t${u.updates ? 'updates written (sealed to the station)' : `NO UPDATES ${u.reason ?? ''}`}`,
          );
        io.out(
          `${report.packets.length} packet file(s), ${report.units.filter((u) => u.updates).length} updates file(s) written to the drive.`,
        );
        // A folder refused for its layout or a packet refused is an error; a folder without proof
        // of its station only gets no updates (nothing else was there).
        const isClean =
          report.packets.every((r) => r.ok) &&
          report.units.every((u) => u.updates || u.reason === 'NOT_PROVEN');
        return isClean ? 0 : 1;
      }
      case 'attachment': {
        const sha256 = need(rest[0], '<sha256>');
        const found = await hub.attachment(sha256);
        if (!found) throw new UsageError(`no attachment ${sha256}`);
        const out = need(o.out, '--out FILE');
        // 'wx': never over an existing file; the decrypted photo leaves the database only here.
        writeFileSync(out, found.data, { mode: 0o600, flag: 'wx' });
        io.out(`Attachment ${found.fileName} written to ${out} (${found.data.length} bytes).`);
        return 0;
      }
      case 'admin-create': {
        const userName = need(o.user, '--user NAME');
        const displayName = need(o.name, '--name "Full Name"');
        let password: string | null;
        if (o['password-file']) {
          // The file's one line; a final newline is not part of the password.
          password = readFileSync(o['password-file'], 'utf8').replace(/\r?\n$/, '');
        } else {
          const read = io.readSecret ?? readSecretFromTty;
          password = await read('Kata sandi / password: ');
          if (password !== null && (await read('Ulangi / repeat: ')) !== password)
            throw new UsageError('the two passwords differ');
        }
        if (password === null)
          throw new UsageError(
            'admin-create needs --password-file FILE or a terminal to type the password in',
          );
        try {
          const made = await createAdmin(hub, {
            userName,
            displayName,
            title: o.title ?? 'Administrator',
            password,
            forceAnother: o['force-another'],
          });
          io.out(`Administrator ${made.userName} created; sign in at the back-office (/office).`);
        } catch (error) {
          if (error instanceof OfficeError) throw new UsageError(error.message);
          throw error;
        }
        return 0;
      }
      case 'backup': {
        const out = resolve(need(o.out, '--out FILE'));
        await hub.backup(out);
        io.out(`Backup of ${join(dataDir, HUB_DB_FILE)} written to ${out} (encrypted with the`);
        io.out("hub's database key: keep the keys folder too, apart from the copy).");
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    io.err(String((error as Error).message ?? error));
    return 1;
  } finally {
    await hub.close();
  }
}

class UsageError extends Error {}

/** What was typed past the end of the last secret line (a fast typist, a pasted pair). */
let typedAhead = '';

/** A line typed at the process's terminal, not echoed; null without a terminal (CI, a pipe). */
function readSecretFromTty(prompt: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(null);
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    let text = '';
    let isDone = false;
    const finish = (value: string | null, rest: string) => {
      isDone = true;
      typedAhead = rest;
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const take = (typed: string) => {
      const chars = [...typed];
      for (let i = 0; i < chars.length && !isDone; i += 1) {
        const char = chars[i] ?? '';
        const rest = chars.slice(i + 1).join('');
        if (char === '\r' || char === '\n') finish(text, rest.replace(/^\n/, ''));
        else if (char === '\u0003' || char === '\u0004') finish(null, '');
        else if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    const onData = (chunk: Buffer) => take(chunk.toString('utf8'));
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
    const ahead = typedAhead;
    typedAhead = '';
    take(ahead);
  });
}

/** A name from a drive, safe to print (control characters escaped, length capped). */
function printable(name: string): string {
  const text = JSON.stringify(name).slice(1, -1);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
