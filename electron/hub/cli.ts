import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listPackets, listRecords, listRefusals } from '../../db/queries/hub-packets';
import { listStations } from '../../db/queries/hub-stations';
import { FileKeyStore } from '../protocol/key-store.file';
import { keyId } from '../protocol/packet/keys';
import { decideApplication, decideRecording, revokeDocument } from './decisions';
import { Hub } from './hub';
import { startHubServer } from './server';

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
}

export const USAGE = `Lakon Mandira district hub

  npm run hub -- <command> [options]      (every command takes --data DIR, default ./hub-data)

  serve [--host 127.0.0.1] [--port 8470] [--public-url URL]
                                  run the endpoints stations upload to and pull from
  key                             the district's key fingerprints
  enrol <request.json> --hub-url URL [--out answer.json]
                                  register a station from its request file; writes the answer
  stations                        enrolled stations
  packets [--unit ID]             packets received
  records [--unit ID] [--aggregate NAME] [--limit N]
                                  records received (one line each)
  refusals                        packets refused, with reasons
  issue <applicationId> --kind KIND --signer NAME --title TITLE
                                  issue the document of an application (signed, with its QR)
  reject <applicationId> --reason TEXT --signer NAME
                                  reject an application with a reason
  recording <recordingId> prr|duplicate [--note TEXT]
                                  the de-duplication outcome of a KTP-el recording
  revoke <documentNumber> --reason TEXT
                                  revoke an issued document
  import <drive folder>           import packets from a USB drive, write receipts and (sealed)
                                  updates for each station that proved itself on the drive
  attachment <sha256> --out FILE  write one received photo (kept encrypted in hub.db) to FILE
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
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8470' },
        'public-url': { type: 'string' },
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
  const dataDir = resolve(o.data);
  const hub = await Hub.open({
    dataDir,
    keyStore: new FileKeyStore(join(dataDir, 'keys')),
    districtName: o.district,
  });
  const need = (value: string | undefined, name: string): string => {
    if (!value) throw new UsageError(`${command} needs ${name}`);
    return value;
  };
  try {
    switch (command) {
      case 'serve': {
        const server = await startHubServer(hub, {
          host: o.host,
          port: Number(o.port),
          onError: (error) => io.err(`request failed: ${String(error)}`),
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
        const result = await decideRecording(
          hub,
          { recordingId: need(rest[0], '<recordingId>'), status, note: o.note },
          hub.at(),
        );
        if (!result.ok) throw new UsageError(result.problem);
        io.out(`Recording ${rest[0]}: ${status.toUpperCase()} for unit ${result.unitId}.`);
        return 0;
      }
      case 'revoke': {
        const result = await revokeDocument(
          hub,
          { documentNumber: need(rest[0], '<documentNumber>'), reason: need(o.reason, '--reason') },
          hub.at(),
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

/** A name from a drive, safe to print (control characters escaped, length capped). */
function printable(name: string): string {
  const text = JSON.stringify(name).slice(1, -1);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
