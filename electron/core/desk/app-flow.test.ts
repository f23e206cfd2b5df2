import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../../contract';
import type { Client } from '../../transport/client';
import { createTestStation, type TestStation } from '../../testing/station';
import {
  auditActions,
  BUDI,
  count,
  desk,
  photo,
  reasonOf,
  RINA,
  snapshot,
  SRI,
  submitAtKiosk,
  value,
  type Desk,
} from '../../testing/desk';

let station: TestStation;
let d: Desk;
let sri: Client;
let budi: Client;
let rina: Client;

beforeEach(async () => {
  station = await createTestStation();
  d = desk(station);
  sri = d.as(SRI);
  budi = d.as(BUDI);
  rina = d.as(RINA);
});
afterEach(() => station.dispose());

/** ktp-el-hilang: kk and surat-kehilangan-polisi are required; a KK photo is taken at the kiosk. */
const submitLostCard = () => submitAtKiosk(d, { photos: [photo('kk')] });

async function checkAll(client: Client, id: string): Promise<ApplicationDetail> {
  let detail = value(await client.send('desk-application-get', { id }));
  for (const r of detail.requirements.filter((x) => x.need === 'required')) {
    detail = value(
      await client.send('desk-requirement-check', { id, requirementCode: r.code, state: 'ok' }),
    );
  }
  return detail;
}

describe('the desk walk', () => {
  it('claims, checks and approves a kiosk application, with audit and outbox entries', async () => {
    const id = await submitLostCard();
    const outboxBefore = count(station, 'outbox');

    const claimed = value(await sri.send('desk-application-claim', { id }));
    expect(claimed.claim).toMatchObject({
      userId: 'user-sri',
      userName: 'Sri Wahyuni',
      isMine: true,
    });
    expect(claimed.allowedActions).toEqual(['release', 'check', 'approve', 'return', 'reject']);

    const kkLine = claimed.requirements.find((r) => r.code === 'kk');
    expect(kkLine?.photos).toHaveLength(1);
    const photoResult = value(
      await sri.send('desk-application-photo', { id, sha256: kkLine?.photos[0]?.sha256 ?? '' }),
    );
    expect(Buffer.from(photoResult.dataBase64, 'base64').subarray(0, 2)).toEqual(
      Buffer.from([0xff, 0xd8]),
    );

    const checked = await checkAll(sri, id);
    expect(
      checked.requirements.filter((r) => r.need === 'required').map((r) => r.check?.state),
    ).toEqual(['ok', 'ok']);
    expect(checked.requirements[0]?.check?.byName).toBe('Sri Wahyuni');

    const approved = value(await sri.send('desk-application-decide', { id, decision: 'approve' }));
    expect(approved.status).toBe('diverifikasi');
    expect(approved.statusLabel.id).toBe('Diverifikasi petugas');
    expect(approved.claim).toBeNull();
    expect(approved.allowedActions).toEqual([]);
    expect(approved.timeline.map((s) => [s.status, s.actor])).toEqual([
      ['diajukan', 'kiosk'],
      ['diverifikasi', 'Sri Wahyuni'],
    ]);
    const history = station.deps.sqlite
      .prepare("SELECT actor_user_id FROM application_status_history WHERE status = 'diverifikasi'")
      .pluck()
      .get();
    expect(history).toBe('user-sri');

    expect(auditActions(station)).toEqual([
      'desk.application-claimed',
      'desk.photo-viewed',
      'desk.application-read',
      'desk.requirement-checked',
      'desk.requirement-checked',
      'desk.application-approved',
    ]);
    // The claim and each checklist line as activity, the decision as the application's new state.
    expect(count(station, 'outbox')).toBe(outboxBefore + 4);
    expect(
      station.deps.sqlite
        .prepare(
          "SELECT json_extract(payload, '$.action') FROM outbox WHERE aggregate = 'application-activity' ORDER BY seq",
        )
        .pluck()
        .all(),
    ).toEqual(['desk.application-claimed', 'desk.requirement-checked', 'desk.requirement-checked']);
    const payload = JSON.parse(
      station.deps.sqlite
        .prepare('SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1')
        .pluck()
        .get() as string,
    ) as Record<string, unknown>;
    expect(payload).toMatchObject({
      number: approved.number,
      serviceCode: 'ktp-el-hilang',
      status: 'diverifikasi',
      reason: null,
      checks: [
        { requirementCode: 'kk', state: 'ok' },
        { requirementCode: 'surat-kehilangan-polisi', state: 'ok' },
      ],
    });
    // Decided: nothing more to claim.
    expect(reasonOf(await budi.send('desk-application-claim', { id }))).toBe('APPLICATION_CLOSED');
  });

  it('keeps a second officer out of a claimed application', async () => {
    const id = await submitLostCard();
    value(await sri.send('desk-application-claim', { id }));
    const before = snapshot(station, id);

    const claim = await budi.send('desk-application-claim', { id });
    expect(claim.ok || claim.error).toMatchObject({
      code: 'CONFLICT',
      reason: 'CLAIMED_BY_OTHER',
      message: expect.stringContaining('Sri Wahyuni') as unknown,
    });
    const check = await budi.send('desk-requirement-check', {
      id,
      requirementCode: 'kk',
      state: 'ok',
    });
    expect(reasonOf(check)).toBe('CLAIMED_BY_OTHER');
    const decide = await budi.send('desk-application-decide', {
      id,
      decision: 'reject',
      reason: 'Berkas palsu',
    });
    expect(reasonOf(decide)).toBe('CLAIMED_BY_OTHER');
    const release = await budi.send('desk-application-release', { id, reason: 'Saya ambil alih' });
    expect(release.ok || release.error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_CLAIM_HOLDER',
    });
    expect(snapshot(station, id)).toEqual(before);

    const seen = value(await budi.send('desk-application-get', { id }));
    expect(seen.claim).toMatchObject({ userName: 'Sri Wahyuni', isMine: false });
    expect(seen.allowedActions).toEqual([]);

    // The holder claiming again changes nothing and writes nothing.
    const again = value(await sri.send('desk-application-claim', { id }));
    expect(again.claim?.isMine).toBe(true);
    expect(count(station, 'audit_log', "action = 'desk.application-claimed'")).toBe(1);
  });

  it('gives the application to exactly one of two officers claiming at the same moment', async () => {
    const id = await submitLostCard();
    const results = await Promise.all([
      sri.send('desk-application-claim', { id }),
      budi.send('desk-application-claim', { id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map(reasonOf).filter(Boolean)).toEqual(['CLAIMED_BY_OTHER']);
    expect(count(station, 'application_claims')).toBe(1);
    expect(count(station, 'audit_log', "action = 'desk.application-claimed'")).toBe(1);
  });

  it('lets the holder release freely and a supervisor release with a reason', async () => {
    const id = await submitLostCard();
    value(await sri.send('desk-application-claim', { id }));
    const released = value(await sri.send('desk-application-release', { id }));
    expect(released.claim).toBeNull();
    expect(released.allowedActions).toEqual(['claim']);
    expect(reasonOf(await sri.send('desk-application-release', { id }))).toBe('NOT_CLAIMED');

    value(await sri.send('desk-application-claim', { id }));
    const before = snapshot(station, id);
    const shown = value(await rina.send('desk-application-get', { id }));
    expect(shown.allowedActions).toEqual(['release']);
    for (const reason of [undefined, '', '  ok  ']) {
      const refused = await rina.send('desk-application-release', { id, reason });
      expect(refused.ok || refused.error, String(reason)).toMatchObject({
        code: 'INVALID_ARGS',
        reason: 'REASON_REQUIRED',
        fields: ['reason'],
      });
    }
    expect(snapshot(station, id)).toEqual({
      ...before,
      audit_log: Number(before['audit_log']) + 1,
    });

    const byRina = value(
      await rina.send('desk-application-release', { id, reason: 'Sri cuti sakit hari ini' }),
    );
    expect(byRina.claim).toBeNull();
    const entry = station.deps.sqlite
      .prepare(
        "SELECT actor, detail FROM audit_log WHERE action = 'desk.claim-released' ORDER BY seq DESC",
      )
      .get() as { actor: string; detail: string };
    expect(entry.actor).toBe('Rina Kartika');
    expect(JSON.parse(entry.detail)).toMatchObject({
      heldBy: 'Sri Wahyuni',
      heldById: 'user-sri',
      reason: 'Sri cuti sakit hari ini',
    });
    // Now Budi may take it.
    expect(value(await budi.send('desk-application-claim', { id })).claim?.userName).toBe(
      'Budi Santoso',
    );
  });

  it('refuses an approval with unchecked requirements or a bad line', async () => {
    const id = await submitLostCard();
    value(await sri.send('desk-application-claim', { id }));
    value(await sri.send('desk-requirement-check', { id, requirementCode: 'kk', state: 'ok' }));
    const before = snapshot(station, id);
    const unchecked = await sri.send('desk-application-decide', { id, decision: 'approve' });
    expect(unchecked.ok || unchecked.error).toMatchObject({
      code: 'CONFLICT',
      reason: 'REQUIREMENTS_UNCHECKED',
      fields: ['surat-kehilangan-polisi'],
    });
    expect(snapshot(station, id)).toEqual(before);

    // 'missing' on a required line is not 'ok' either.
    value(
      await sri.send('desk-requirement-check', {
        id,
        requirementCode: 'surat-kehilangan-polisi',
        state: 'missing',
        note: 'Belum ada surat polisi',
      }),
    );
    const missing = await sri.send('desk-application-decide', { id, decision: 'approve' });
    expect(missing.ok || missing.error.fields).toEqual(['surat-kehilangan-polisi']);

    value(
      await sri.send('desk-requirement-check', {
        id,
        requirementCode: 'surat-kehilangan-polisi',
        state: 'ok',
      }),
    );
    value(
      await sri.send('desk-requirement-check', {
        id,
        requirementCode: 'kk',
        state: 'bad',
        note: 'Foto KK buram, nomor tidak terbaca',
      }),
    );
    const before2 = snapshot(station, id);
    const bad = await sri.send('desk-application-decide', { id, decision: 'approve' });
    expect(bad.ok || bad.error).toMatchObject({
      reason: 'REQUIREMENTS_UNCHECKED',
      fields: ['kk'],
    });
    expect(snapshot(station, id)).toEqual(before2);
  });

  it('refuses an approval while any line is bad, even one that is not required', async () => {
    // kk-hilang-rusak: only ktp-el is required; the damaged KK is conditional.
    const id = await submitAtKiosk(d, { serviceCode: 'kk-hilang-rusak', photos: [] });
    value(await sri.send('desk-application-claim', { id }));
    value(await sri.send('desk-requirement-check', { id, requirementCode: 'ktp-el', state: 'ok' }));
    value(
      await sri.send('desk-requirement-check', {
        id,
        requirementCode: 'kk-rusak',
        state: 'bad',
        note: 'Bukan KK pemohon',
      }),
    );
    const before = snapshot(station, id);
    const bad = await sri.send('desk-application-decide', { id, decision: 'approve' });
    expect(bad.ok || bad.error).toMatchObject({
      reason: 'REQUIREMENTS_UNCHECKED',
      fields: ['kk-rusak'],
    });
    expect(snapshot(station, id)).toEqual(before);
    // Not needed after all (the KK was lost, not damaged): 'missing' does not block.
    value(
      await sri.send('desk-requirement-check', {
        id,
        requirementCode: 'kk-rusak',
        state: 'missing',
        note: 'KK hilang, bukan rusak',
      }),
    );
    expect(
      value(await sri.send('desk-application-decide', { id, decision: 'approve' })).status,
    ).toBe('diverifikasi');
  });

  it('accepts an alternative in place of a required document', async () => {
    // akta-kelahiran: surat-keterangan-lahir is required, an SPTJM kelahiran may replace it.
    const id = await submitAtKiosk(d, {
      serviceCode: 'akta-kelahiran',
      fields: {
        'pemohon-nik': '1602054107900001',
        'pemohon-no-kk': '1602051234567890',
        'pemohon-hubungan': 'orang-tua',
        'anak-nama': 'PUTRI AMINAH',
        'jenis-kelamin': '2',
        'tempat-lahir': 'KAYU AGUNG',
        'tanggal-lahir': '2026-10-15',
        'ayah-nama': 'AHMAD',
        'ibu-nama': 'SITI',
      },
      photos: [],
    });
    value(await sri.send('desk-application-claim', { id }));
    const detail = value(await sri.send('desk-application-get', { id }));
    expect(detail.fields.find((f) => f.code === 'tanggal-lahir')?.display).toBe('15 Oktober 2026');
    expect(detail.fields.find((f) => f.code === 'jenis-kelamin')?.display).toBe('PEREMPUAN');
    const required = detail.requirements.filter((r) => r.need === 'required').map((r) => r.code);
    expect(required).toEqual(['surat-keterangan-lahir', 'kk', 'ktp-el-orang-tua']);
    for (const code of ['sptjm-kelahiran', 'kk', 'ktp-el-orang-tua'])
      value(await sri.send('desk-requirement-check', { id, requirementCode: code, state: 'ok' }));
    const approved = value(await sri.send('desk-application-decide', { id, decision: 'approve' }));
    // Not a change to an existing resident: an operator's approval is final.
    expect(approved.changesResident).toBe(false);
    expect(approved.status).toBe('diverifikasi');
  });

  it('refuses return and reject without a reason, changing nothing', async () => {
    const id = await submitLostCard();
    value(await sri.send('desk-application-claim', { id }));
    const before = snapshot(station, id);
    for (const decision of ['return', 'reject'] as const) {
      for (const reason of [undefined, '', 'kur ', 'x'.repeat(501)]) {
        const result = await sri.send('desk-application-decide', { id, decision, reason });
        expect(result.ok, `${decision} ${String(reason)}`).toBe(false);
        expect(reasonOf(result)).toBe(reason?.length === 501 ? 'TOO_LONG' : 'REASON_REQUIRED');
      }
    }
    expect(snapshot(station, id)).toEqual(before);

    const returned = value(
      await sri.send('desk-application-decide', {
        id,
        decision: 'return',
        reason: 'Bawa surat kehilangan dari polisi',
      }),
    );
    expect(returned.status).toBe('berkas-kurang');
    expect(returned.timeline.at(-1)).toMatchObject({
      status: 'berkas-kurang',
      actor: 'Sri Wahyuni',
      note: 'Bawa surat kehilangan dari polisi',
    });
    // Returned applications come back to the desk when the papers arrive.
    value(await budi.send('desk-application-claim', { id }));
    const rejected = value(
      await budi.send('desk-application-decide', {
        id,
        decision: 'reject',
        reason: 'Pemohon bukan warga desa ini',
      }),
    );
    expect(rejected.status).toBe('ditolak');
    expect(auditActions(station).slice(-3)).toEqual([
      'desk.application-returned',
      'desk.application-claimed',
      'desk.application-rejected',
    ]);
    expect(count(station, 'outbox', "aggregate = 'application'")).toBe(3);
  });

  it('checks notes and requirement codes, and only the holder checks', async () => {
    const id = await submitLostCard();
    const unclaimed = await sri.send('desk-requirement-check', {
      id,
      requirementCode: 'kk',
      state: 'ok',
    });
    expect(reasonOf(unclaimed)).toBe('NOT_CLAIMED');
    value(await sri.send('desk-application-claim', { id }));
    const before = snapshot(station, id);
    const unknown = await sri.send('desk-requirement-check', {
      id,
      requirementCode: 'akta-kelahiran',
      state: 'ok',
    });
    expect(unknown.ok || unknown.error).toMatchObject({
      reason: 'UNKNOWN_REQUIREMENT',
      fields: ['requirementCode'],
    });
    for (const state of ['bad', 'missing'] as const) {
      const noNote = await sri.send('desk-requirement-check', {
        id,
        requirementCode: 'kk',
        state,
        note: ' ab ',
      });
      expect(noNote.ok || noNote.error).toMatchObject({
        reason: 'REASON_REQUIRED',
        fields: ['note'],
      });
    }
    const long = await sri.send('desk-requirement-check', {
      id,
      requirementCode: 'kk',
      state: 'bad',
      note: 'x'.repeat(301),
    });
    expect(reasonOf(long)).toBe('TOO_LONG');
    expect(snapshot(station, id)).toEqual(before);

    // The last word on a line wins.
    value(
      await sri.send('desk-requirement-check', {
        id,
        requirementCode: 'kk',
        state: 'bad',
        note: 'KK lama',
      }),
    );
    const fixed = value(
      await sri.send('desk-requirement-check', { id, requirementCode: 'kk', state: 'ok' }),
    );
    expect(fixed.requirements.find((r) => r.code === 'kk')?.check).toMatchObject({
      state: 'ok',
      note: null,
    });
    expect(count(station, 'application_checks')).toBe(1);
  });

  it('answers NOT_FOUND for an unknown application or photo, auditing nothing', async () => {
    const id = await submitLostCard();
    const audits = count(station, 'audit_log');
    expect(reasonOf(await sri.send('desk-application-get', { id: 'nope' }))).toBe('NOT_FOUND');
    expect(reasonOf(await sri.send('desk-application-claim', { id: 'nope' }))).toBe('NOT_FOUND');
    const photoMiss = await sri.send('desk-application-photo', { id, sha256: 'a'.repeat(64) });
    expect(reasonOf(photoMiss)).toBe('NOT_FOUND');
    expect(count(station, 'audit_log')).toBe(audits);
  });
});
