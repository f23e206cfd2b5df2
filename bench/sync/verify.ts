import { join } from 'node:path';
import { keyPairFromSeed } from '../../electron/protocol/packet/keys';
import { readPacket } from '../../electron/protocol/packet/reader';

/**
 * Not timed: every packet the packets phase wrote is read back with the district's reader
 * (decrypt, hashes, signature), so the figures are known to be about valid packets carrying
 * every outbox row exactly once and every photo.
 */
export interface VerifyJob {
  outgoingDir: string;
  files: string[];
  /** The district's X25519 private seed, hex. */
  districtSeed: string;
  unitId: string;
  /** The station's Ed25519 public key, base64. */
  signingPublicKey: string;
}

export interface VerifyResult {
  packets: number;
  records: number;
  /** Distinct outbox ids among the records (equal to records when each is carried once). */
  distinctRecordIds: number;
  /** Records whose data carries the applicant's NIK under SIAK's name. */
  recordsWithNik: number;
  attachments: number;
  attachmentBytes: number;
  seconds: number;
}

export async function verifyPhase(job: VerifyJob): Promise<VerifyResult> {
  const started = Date.now();
  const recipient = keyPairFromSeed('x25519', Buffer.from(job.districtSeed, 'hex'));
  const signer = Buffer.from(job.signingPublicKey, 'base64');
  const ids = new Set<string>();
  let records = 0;
  let recordsWithNik = 0;
  let attachments = 0;
  let attachmentBytes = 0;
  for (const file of job.files) {
    await readPacket(join(job.outgoingDir, file), {
      recipient,
      resolveSigner: (unitId) => (unitId === job.unitId ? signer : null),
      onEntry: (name, size) => {
        if (name.startsWith('attachments/')) {
          attachments += 1;
          attachmentBytes += size;
          return null;
        }
        const parts: Buffer[] = [];
        return {
          write: (bytes) => {
            parts.push(Buffer.from(bytes));
          },
          end: () => {
            for (const line of Buffer.concat(parts).toString('utf8').split('\n')) {
              if (line === '') continue;
              const record = JSON.parse(line) as { id: string; data?: { NIK?: unknown } };
              records += 1;
              ids.add(record.id);
              if (typeof record.data?.NIK === 'string') recordsWithNik += 1;
            }
          },
        };
      },
    });
  }
  return {
    packets: job.files.length,
    records,
    distinctRecordIds: ids.size,
    recordsWithNik,
    attachments,
    attachmentBytes,
    seconds: (Date.now() - started) / 1000,
  };
}
