import { randomBytes } from 'node:crypto';
import type { ApplicationSubmitArgs } from '../../electron/contract';
import { syntheticFamilies } from '../../electron/core/demo/synthetic';
import { seeded } from '../../electron/core/seeded-random';
import { fixedClock } from '../../electron/core/system-ports';
import { memoryPair } from '../../electron/transport/memory-pair';
import { msSince } from '../lib/stats';
import { openBenchStation } from './station';
import { jakartaDay } from '../../electron/core/common/jakarta';

/**
 * Data generation (not timed in any ratio): N kiosk applications submitted through the real
 * `applications-submit` handler of a real station, so every row (application, photos,
 * consent, status, audit entry, outbox row with its payload) is exactly what a kiosk writes.
 * The station's clock is a fixed clock moved on by STEP_MS per application, so the daily
 * application numbers stay within their 4-digit sequence and the ids are time-ordered.
 */
export interface GenerateJob {
  dataDir: string;
  applications: number;
  photosPerApplication: number;
  /** Mean photo size; each photo is 90-110 % of it. */
  photoBytes: number;
  seed: number;
}

export interface GenerateResult {
  applications: number;
  photos: number;
  photoBytes: number;
  /** Rows of the tables the submissions wrote. */
  counts: Record<string, number>;
  /** Bytes of the outbox payloads (the JSON the packets turn into records). */
  outboxPayloadBytes: number;
  unitId: string;
  sqlite: string;
  seconds: number;
  firstAt: string;
  lastAt: string;
}

/** The service with three required photos: KK, the old KTP-el, the proof of the change. */
export const SERVICE = 'ktp-el-perubahan';
const REQUIREMENTS = ['kk', 'ktp-el-lama', 'bukti-perubahan-data'] as const;
const CHANGES = ['status-perkawinan', 'pekerjaan', 'pendidikan', 'agama', 'alamat'] as const;
const STEP_MS = 5 * 60 * 1000;
const MAX_PHOTO_BYTES = 300 * 1024;

/** Incompressible bytes between JPEG start (SOI + APP0) and end (EOI) markers. */
function photo(size: number): string {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes.toString('base64');
}

export async function generatePhase(job: GenerateJob): Promise<GenerateResult> {
  const start = Date.now() - (job.applications + 12) * STEP_MS;
  const clock = fixedClock(new Date(start - (start % STEP_MS)).toISOString());
  const station = await openBenchStation(job.dataDir, clock);
  try {
    const kiosk = memoryPair(station.dispatcher, 'bench-kiosk', station.initialSession());
    const consent = await kiosk.send('applications-consent-get', {});
    if (!consent.ok) throw new Error(`applications-consent-get: ${consent.error.message}`);
    const random = seeded(job.seed);
    const families = syntheticFamilies({
      seed: job.seed,
      villageCodes: [station.deps.unit.region_code],
      residents: Number.MAX_SAFE_INTEGER,
      today: jakartaDay(clock.now()),
    });
    const firstAt = clock.now().toISOString();
    let photoBytes = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < job.applications; i += 1) {
      const family = families.next().value;
      if (!family) throw new Error('The synthetic families ran out');
      const applicant = family.members[0];
      if (!applicant) throw new Error('A synthetic family without members');
      const photos: ApplicationSubmitArgs['photos'] = [];
      for (let p = 0; p < job.photosPerApplication; p += 1) {
        const size = Math.min(MAX_PHOTO_BYTES, Math.round(job.photoBytes * (0.9 + 0.2 * random())));
        photoBytes += size;
        photos.push({
          requirementCode: REQUIREMENTS[p % REQUIREMENTS.length] as string,
          dataBase64: photo(size),
          width: 1200,
          height: 1600,
          takenAt: new Date(clock.now().getTime() - 60_000 + p * 10_000).toISOString(),
        });
      }
      const phone = `08${String(Math.floor(random() * 1e10)).padStart(10, '0')}`;
      const submitted = await kiosk.send('applications-submit', {
        serviceCode: SERVICE,
        fields: {
          'pemohon-nik': applicant.nik,
          'pemohon-no-kk': family.kk,
          'data-berubah': CHANGES[Math.floor(random() * CHANGES.length)] as string,
          'pemohon-telepon': phone,
        },
        photos,
        consent: { isAccepted: true, version: consent.value.version, language: 'id' },
      });
      if (!submitted.ok) {
        throw new Error(`Application ${i + 1}: ${JSON.stringify(submitted.error)}`);
      }
      clock.advance(STEP_MS);
    }
    const seconds = msSince(started) / 1000;
    const { sqlite } = station.deps;
    const count = (table: string) =>
      sqlite.prepare(`select count(*) from "${table}"`).pluck().get() as number;
    const counts = Object.fromEntries(
      [
        'applications',
        'application_photos',
        'application_consents',
        'application_status_history',
        'audit_log',
        'outbox',
      ].map((t) => [t, count(t)]),
    );
    const outboxPayloadBytes = sqlite
      .prepare('select coalesce(sum(length(cast(payload as blob))), 0) from outbox')
      .pluck()
      .get() as number;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      applications: job.applications,
      photos: counts.application_photos ?? 0,
      photoBytes,
      counts,
      outboxPayloadBytes,
      unitId: station.deps.unit.unit_id,
      sqlite: sqlite.prepare('select sqlite_version()').pluck().get() as string,
      seconds,
      firstAt,
      lastAt: clock.now().toISOString(),
    };
  } finally {
    await station.close();
  }
}
