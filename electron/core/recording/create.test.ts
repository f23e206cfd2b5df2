import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordingCreateArgs } from '../../contract';
import { KIOSK, SRI } from '../../testing/desk';
import { createTestStation, type TestStation } from '../../testing/station';
import {
  as,
  newPersonApplication,
  person,
  recordingArgs,
  RGB,
  rowCounts,
  signature,
  type Person,
} from '../../testing/recording';
import { portraitJpeg, signaturePng } from '../../testing/images';

let station: TestStation;
let adult: Person;
beforeEach(async () => {
  station = await createTestStation();
  adult = person(station, 0, { birthDate: '1991-04-05' });
});
afterEach(() => station.dispose());

const create = (args: RecordingCreateArgs) => as(station, SRI).send('recording-create', args);
const valid = (over: Partial<RecordingCreateArgs> = {}) =>
  recordingArgs({ residentRef: adult.ref }, 'red', over);
const portrait = (over: Partial<RecordingCreateArgs['portrait']>) => ({
  portrait: { ...valid().portrait, ...over },
});
const failChecks = (codes: string[]) =>
  valid().portrait.checks.map((c) => (codes.includes(c.code) ? { ...c, passed: false } : c));

describe('recording-create', () => {
  it('stores the recording with its first event, audit entry and outbox entry in one go', async () => {
    const args = valid();
    const created = await create(args);
    expect(created).toMatchObject({
      ok: true,
      value: {
        status: 'direkam',
        name: adult.name,
        isPemula: false,
        subject: { residentRef: adult.ref },
        background: 'red',
        measuredBackground: 'red',
        overrideReason: null,
        signatureStrokeCount: 2,
        biometrics: { fingerprintsDone: true, irisDone: true, by: 'Sri Wahyuni' },
        handover: null,
        events: [{ status: 'direkam', by: 'Sri Wahyuni', source: 'station', note: null }],
        next: [],
        recordedBy: 'Sri Wahyuni',
      },
    });
    if (!created.ok) return;
    const jpeg = Buffer.from(args.portrait.jpegBase64, 'base64');
    const sha256 = createHash('sha256').update(jpeg).digest('hex');
    expect(created.value.portraitSha256).toBe(sha256);
    const row = station.deps.sqlite
      .prepare('SELECT * FROM recordings WHERE id = ?')
      .get(created.value.id) as Record<string, unknown>;
    expect(Buffer.from(row['portrait_jpeg'] as Buffer)).toEqual(jpeg);
    expect(row).toMatchObject({ resident_nik: adult.nik, subject_type: 'resident', iris_done: 1 });
    expect(JSON.parse(row['signature_strokes'] as string)).toEqual({
      width: 600,
      height: 200,
      strokes: args.signature.strokes,
    });
    const outbox = station.deps.sqlite
      .prepare("SELECT aggregate_id, op, payload FROM outbox WHERE aggregate = 'recording'")
      .all() as { aggregate_id: string; op: string; payload: string }[];
    expect(outbox).toHaveLength(1);
    const payload = JSON.parse(outbox[0]?.payload ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      ID_REKAM: created.value.id,
      NIK: adult.nik,
      NAMA_LGKP: adult.name,
      TGL_LHR: '1991-04-05',
      STATUS_REKAM: 'direkam',
      FOTO: { SHA256: sha256, BYTES: jpeg.length },
      BIOMETRIK: { SIDIK_JARI: true, IRIS: true, OLEH: 'Sri Wahyuni' },
    });
    // The hash travels, never the image.
    expect(outbox[0]?.payload).not.toContain(args.portrait.jpegBase64.slice(0, 200));
    const audit = station.deps.sqlite
      .prepare("SELECT detail, subject_hash FROM audit_log WHERE action = 'recording.created'")
      .all() as { detail: string; subject_hash: string | null }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subject_hash).not.toBeNull();
  });

  it('takes a failed check with the officer reason, and names the kit operator', async () => {
    const created = await create(
      valid({
        ...portrait({
          checks: failChecks(['eyes-open', 'background']),
          measuredBackground: null,
          overrideReason: '  Mata penduduk memang sipit sejak lahir  ',
        }),
        biometrics: { fingerprintsDone: true, irisDone: true, kitOperator: 'Andi (operator kit)' },
      }),
    );
    expect(created).toMatchObject({
      ok: true,
      value: {
        overrideReason: 'Mata penduduk memang sipit sejak lahir',
        measuredBackground: null,
        biometrics: { by: 'Andi (operator kit)' },
        events: [{ note: 'Mata penduduk memang sipit sejak lahir' }],
      },
    });
  });

  it('records a new person from a biodata application (no NIK yet)', async () => {
    const id = newPersonApplication(station, {
      'pemohon-nama': 'Dewi Lestari',
      'tanggal-lahir': '2010-08-17',
      kewarganegaraan: 'WNI',
    });
    const created = await create(recordingArgs({ applicationId: id }, 'blue'));
    expect(created).toMatchObject({
      ok: true,
      value: {
        name: 'Dewi Lestari',
        nikMasked: '-',
        isPemula: true,
        subject: { applicationId: id },
      },
    });
  });

  it('refuses each bad input with its reason and writes nothing', async () => {
    const dead = person(station, 1, { isAlive: false });
    const tooYoung = person(station, 2, { birthDate: '2012-01-01' });
    const big = portraitJpeg(RGB.red, { width: 480, height: 640 }, 2 * 1024 * 1024);
    const points = Array.from({ length: 2501 }, (_, k) => ({ x: k % 600, y: 50, p: 0.5, t: k }));
    const cases: [string, RecordingCreateArgs, string, string?][] = [
      ['dead', recordingArgs({ residentRef: dead.ref }, 'blue'), 'DECEASED', 'CONFLICT'],
      ['too young', recordingArgs({ residentRef: tooYoung.ref }, 'blue'), 'TOO_YOUNG', 'CONFLICT'],
      [
        'not a JPEG',
        valid(portrait({ jpegBase64: signaturePng(480, 640).toString('base64') })),
        'NOT_JPEG',
      ],
      [
        'truncated JPEG',
        valid(portrait({ jpegBase64: portraitJpeg().subarray(0, 300).toString('base64') })),
        'NOT_JPEG',
      ],
      [
        'landscape',
        valid(
          portrait({
            jpegBase64: portraitJpeg(RGB.red, { width: 640, height: 480 }).toString('base64'),
          }),
        ),
        'PORTRAIT_WRONG_SIZE',
      ],
      ['over 2 MB', valid(portrait({ jpegBase64: big.toString('base64') })), 'PORTRAIT_TOO_LARGE'],
      [
        'a check missing',
        valid(portrait({ checks: valid().portrait.checks.slice(1) })),
        'BAD_CHECKS',
      ],
      [
        'a check twice',
        valid(portrait({ checks: [...valid().portrait.checks, valid().portrait.checks[0]!] })),
        'BAD_CHECKS',
      ],
      [
        'wrong background said to pass',
        valid(portrait({ measuredBackground: 'blue' })),
        'BAD_CHECKS',
      ],
      [
        'failed check, no reason',
        valid(portrait({ checks: failChecks(['sharpness']) })),
        'PORTRAIT_CHECKS_FAILED',
      ],
      [
        'wrong background, short reason',
        valid(
          portrait({
            checks: failChecks(['background']),
            measuredBackground: 'blue',
            overrideReason: 'terpaksa',
          }),
        ),
        'PORTRAIT_CHECKS_FAILED',
      ],
      ['no strokes', valid({ signature: { ...signature(), strokes: [] } }), 'SIGNATURE_EMPTY'],
      [
        'one point',
        valid({
          signature: { ...signature(), strokes: [{ points: [{ x: 1, y: 1, p: 1, t: 0 }] }] },
        }),
        'SIGNATURE_EMPTY',
      ],
      [
        'outside the pad',
        valid({
          signature: {
            ...signature(),
            strokes: [
              {
                points: [
                  { x: 1, y: 1, p: 1, t: 0 },
                  { x: 601, y: 1, p: 1, t: 5 },
                ],
              },
            ],
          },
        }),
        'SIGNATURE_OUTSIDE_PAD',
      ],
      [
        '5002 points',
        valid({ signature: { ...signature(), strokes: [{ points }, { points }] } }),
        'SIGNATURE_TOO_LONG',
      ],
      [
        'signature not a PNG',
        valid({ signature: { ...signature(), pngBase64: portraitJpeg().toString('base64') } }),
        'NOT_PNG',
      ],
      [
        'PNG of another size',
        valid({
          signature: { ...signature(), pngBase64: signaturePng(300, 100).toString('base64') },
        }),
        'SIGNATURE_WRONG_SIZE',
      ],
      [
        'iris not done',
        valid({ biometrics: { fingerprintsDone: true, irisDone: false } }),
        'BIOMETRICS_NOT_DONE',
      ],
    ];
    const before = rowCounts(station);
    for (const [name, args, reason, code = 'INVALID_ARGS'] of cases) {
      const refused = await create(args);
      expect(refused, name).toMatchObject({ ok: false, error: { code, reason } });
    }
    const noReason = await create(
      valid(portrait({ checks: failChecks(['sharpness', 'exposure']) })),
    );
    expect(noReason).toMatchObject({
      error: {
        fields: [
          'portrait.overrideReason',
          'portrait.checks.exposure',
          'portrait.checks.sharpness',
        ],
      },
    });
    // Shapes the schema refuses, and the kiosk.
    for (const bad of [
      valid(portrait({ jpegBase64: 'not base64!' })),
      { ...valid(), extra: 1 },
      valid({ biometrics: { fingerprintsDone: true } as never }),
    ]) {
      expect(await create(bad as RecordingCreateArgs)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS' },
      });
    }
    expect(await as(station, KIOSK).send('recording-create', valid())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(rowCounts(station)).toEqual(before);
  });

  it('refuses the second recording of a person and writes nothing', async () => {
    const first = await create(valid());
    if (!first.ok) throw new Error(first.error.message);
    const before = rowCounts(station);
    expect(await create(valid())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'ALREADY_RECORDED', fields: ['subject'] },
    });
    expect(rowCounts(station)).toEqual(before);
  });
});
