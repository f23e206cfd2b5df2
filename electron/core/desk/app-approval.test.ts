import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../transport/dispatcher';
import type { Client } from '../../transport/client';
import { createTestStation, type TestStation } from '../../testing/station';
import {
  ANTON,
  auditActions,
  count,
  desk,
  photo,
  reasonOf,
  RINA,
  snapshot,
  SRI,
  submission,
  submitAtKiosk,
  value,
  type Desk,
} from '../../testing/desk';

let station: TestStation;
let d: Desk;
let sri: Client;
let rina: Client;

beforeEach(async () => {
  station = await createTestStation();
  d = desk(station);
  sri = d.as(SRI);
  rina = d.as(RINA);
});
afterEach(() => station.dispose());

interface Person {
  nik: string;
  kk: string;
  name: string;
  village: string;
  rt: string;
  occupation: number;
}

/** A living resident of the training registry, with the family's address. */
function resident(offset = 0): Person {
  return station.deps.sqlite
    .prepare(
      `SELECT r.nik, r.kk_number AS kk, r.name, f.village_code AS village, f.rt, r.occupation
       FROM residents r JOIN families f ON f.kk_number = r.kk_number
       WHERE r.is_alive = 1 ORDER BY r.id LIMIT 1 OFFSET ?`,
    )
    .get(offset) as Person;
}

/** kk-pisah of a registry resident (changes the resident: a new KK), both lines checked ok. */
async function splitReadyToApprove(client: Client, person = resident()): Promise<string> {
  const id = await submitAtKiosk(d, {
    serviceCode: 'kk-pisah',
    fields: { 'pemohon-nik': person.nik, 'pemohon-no-kk': person.kk },
    photos: [photo('kk'), photo('ktp-el', 2)],
  });
  value(await client.send('desk-application-claim', { id }));
  for (const requirementCode of ['kk', 'ktp-el'])
    value(await client.send('desk-requirement-check', { id, requirementCode, state: 'ok' }));
  return id;
}

describe('four eyes on changes to a resident', () => {
  it('sends an operator approval to a supervisor, who is not the requester', async () => {
    const person = resident();
    const id = await splitReadyToApprove(sri, person);
    const before = value(await sri.send('desk-application-get', { id }));
    expect(before.changesResident).toBe(true);
    expect(before.residentChanges).toEqual([
      {
        nik: person.nik,
        field: 'kk_number',
        label: { id: 'Nomor KK', en: 'KK number' },
        current: person.kk,
        proposed: 'KK BARU (DITERBITKAN DISDUKCAPIL)',
      },
    ]);

    const asked = value(await sri.send('desk-application-decide', { id, decision: 'approve' }));
    expect(asked.status).toBe('perlu-persetujuan');
    expect(asked.statusLabel).toEqual({
      id: 'Menunggu persetujuan supervisor',
      en: "Waiting for a supervisor's approval",
    });
    expect(asked.claim).toBeNull();
    expect(asked.allowedActions).toEqual([]);
    // The operator can neither decide again nor claim it back.
    expect(reasonOf(await sri.send('desk-application-claim', { id }))).toBe('APPLICATION_CLOSED');
    const again = await sri.send('desk-application-decide', { id, decision: 'approve' });
    expect(reasonOf(again)).toBe('APPLICATION_CLOSED');

    const shown = value(await rina.send('desk-application-get', { id }));
    expect(shown.allowedActions).toEqual(['claim', 'confirm', 'refuse']);
    const confirmed = value(
      await rina.send('desk-application-confirm', { id, decision: 'approve' }),
    );
    expect(confirmed.status).toBe('diverifikasi');
    expect(confirmed.timeline.map((s) => [s.status, s.actor])).toEqual([
      ['diajukan', 'kiosk'],
      ['perlu-persetujuan', 'Sri Wahyuni'],
      ['diverifikasi', 'Rina Kartika'],
    ]);
    expect(
      auditActions(station).filter((a) => !a.endsWith('-read') && !a.endsWith('-checked')),
    ).toEqual([
      'desk.application-claimed',
      'desk.application-approval-requested',
      'desk.approval-confirmed',
    ]);
    expect(count(station, 'outbox', "aggregate = 'application'")).toBe(3);
    const statuses = station.deps.sqlite
      .prepare("SELECT json_extract(payload, '$.status') FROM outbox ORDER BY seq")
      .pluck()
      .all();
    expect(statuses.slice(-2)).toEqual(['perlu-persetujuan', 'diverifikasi']);
  });

  it('refuses the confirmation by the account that asked for it', async () => {
    const id = await splitReadyToApprove(sri);
    value(await sri.send('desk-application-decide', { id, decision: 'approve' }));
    // Sri's account promoted to supervisor since: still the same pair of eyes.
    const promoted = d.as({ ...SRI, role: 'supervisor' });
    const before = snapshot(station, id);
    const same = await promoted.send('desk-application-confirm', { id, decision: 'approve' });
    expect(same.ok || same.error).toMatchObject({ code: 'FORBIDDEN', reason: 'SAME_OFFICER' });
    const refuse = await promoted.send('desk-application-confirm', {
      id,
      decision: 'refuse',
      reason: 'Saya sendiri yang mengajukan',
    });
    expect(reasonOf(refuse)).toBe('SAME_OFFICER');
    expect(snapshot(station, id)).toEqual(before);
    expect(value(await promoted.send('desk-application-get', { id })).allowedActions).toEqual([
      'claim',
    ]);
    // Another supervisor may.
    const anton = d.as(ANTON);
    expect(
      value(await anton.send('desk-application-confirm', { id, decision: 'approve' })).status,
    ).toBe('diverifikasi');
  });

  it('holds the four-eyes rule for training sessions without an account', async () => {
    const trainee: Session = { role: 'operator', userName: 'Peserta', mode: 'officer' };
    const trainer: Session = { role: 'supervisor', userName: 'Peserta', mode: 'officer' };
    const id = await splitReadyToApprove(d.as(trainee));
    expect(
      station.deps.sqlite.prepare('SELECT user_id FROM application_checks LIMIT 1').pluck().get(),
    ).toBeNull();
    value(await d.as(trainee).send('desk-application-decide', { id, decision: 'approve' }));
    // Same display name, no account: the same officer as far as the desk can tell.
    const same = await d.as(trainer).send('desk-application-confirm', { id, decision: 'approve' });
    expect(reasonOf(same)).toBe('SAME_OFFICER');
  });

  it('lets a supervisor refuse with a reason, back to the desk; not over another claim', async () => {
    const id = await splitReadyToApprove(sri);
    value(await sri.send('desk-application-decide', { id, decision: 'approve' }));
    const anton = d.as(ANTON);
    value(await anton.send('desk-application-claim', { id }));
    const before = snapshot(station, id);
    const blocked = await rina.send('desk-application-confirm', { id, decision: 'approve' });
    expect(blocked.ok || blocked.error).toMatchObject({
      reason: 'CLAIMED_BY_OTHER',
      message: expect.stringContaining('Anton Wijaya') as unknown,
    });
    const noReason = await anton.send('desk-application-confirm', { id, decision: 'refuse' });
    expect(reasonOf(noReason)).toBe('REASON_REQUIRED');
    expect(snapshot(station, id)).toEqual(before);

    const refused = value(
      await anton.send('desk-application-confirm', {
        id,
        decision: 'refuse',
        reason: 'KK lama tidak cocok dengan data',
      }),
    );
    expect(refused.status).toBe('diajukan');
    expect(refused.claim).toBeNull();
    expect(refused.timeline.at(-1)).toMatchObject({
      status: 'diajukan',
      actor: 'Anton Wijaya',
      note: 'KK lama tidak cocok dengan data',
    });
    expect(auditActions(station).at(-1)).toBe('desk.approval-refused');
    // The desk takes it up again; a confirm on a non-waiting application is refused.
    const notWaiting = await rina.send('desk-application-confirm', { id, decision: 'approve' });
    expect(reasonOf(notWaiting)).toBe('APPLICATION_CLOSED');
    expect(value(await sri.send('desk-application-claim', { id })).claim?.isMine).toBe(true);
  });

  it('approves at once when a supervisor decides', async () => {
    const id = await splitReadyToApprove(rina);
    expect(
      value(await rina.send('desk-application-decide', { id, decision: 'approve' })).status,
    ).toBe('diverifikasi');
    expect(auditActions(station).at(-1)).toBe('desk.application-approved');
  });
});

describe('resident changes shown to the supervisor', () => {
  it('compares the address of a move with the registry', async () => {
    const person = resident();
    const other = station.deps.sqlite
      .prepare("SELECT code, name FROM regions WHERE level = 'village' AND code <> ? LIMIT 1")
      .get(person.village) as { code: string; name: string };
    const id = await submitAtKiosk(d, {
      serviceCode: 'pindah-keluar',
      fields: {
        'pemohon-nik': person.nik,
        'pemohon-no-kk': person.kk,
        'pindah-klasifikasi': 'antar-desa',
        'pindah-alasan': 'pekerjaan',
        'alamat-wilayah': other.code,
        'alamat-jalan': 'JL. MERDEKA NO. 5',
        // Same RT as now, typed without the padding: not a change.
        'alamat-rt': String(Number(person.rt)),
        'alamat-rw': '99',
        'jumlah-ikut': '2',
      },
      photos: [],
    });
    const detail = value(await sri.send('desk-application-get', { id }));
    const byField = Object.fromEntries(detail.residentChanges.map((c) => [c.field, c]));
    expect(Object.keys(byField).sort()).toEqual(['address', 'kk_number', 'rw', 'village_code']);
    expect(byField['village_code']).toMatchObject({ proposed: other.name });
    expect(byField['village_code']?.current).not.toBe(other.name);
    expect(byField['rw']).toMatchObject({ proposed: '099' });
    expect(byField['address']).toMatchObject({ proposed: 'JL. MERDEKA NO. 5' });
    expect(detail.fields.find((f) => f.code === 'alamat-wilayah')?.display).toBe(other.name);
    expect(detail.fields.find((f) => f.code === 'pindah-alasan')?.display).toMatch(/ekerjaan/);
  });

  it('shows a death as alive → deceased, and a data change against the current value', async () => {
    const person = resident();
    const reporter = resident(1);
    const death = await submitAtKiosk(d, {
      serviceCode: 'akta-kematian',
      fields: {
        'pemohon-nik': reporter.nik,
        'pemohon-hubungan': 'anak',
        'almarhum-nik': person.nik,
        'almarhum-nama': person.name,
        'tanggal-meninggal': '2026-11-20',
        'tempat-meninggal': 'KAYU AGUNG',
      },
      photos: [],
    });
    expect(value(await sri.send('desk-application-get', { id: death })).residentChanges).toEqual([
      {
        nik: person.nik,
        field: 'is_alive',
        label: { id: 'Status hidup', en: 'Alive or deceased' },
        current: 'HIDUP',
        proposed: 'MENINGGAL, 20 November 2026',
      },
    ]);

    const change = await submitAtKiosk(d, {
      serviceCode: 'kk-perubahan',
      fields: {
        'pemohon-nik': reporter.nik,
        'pemohon-no-kk': reporter.kk,
        'subjek-nik': person.nik,
        'data-berubah': 'pekerjaan',
      },
      photos: [],
    });
    const current = station.deps.codeLists.label('pekerjaan', person.occupation);
    const changes = value(await sri.send('desk-application-get', { id: change })).residentChanges;
    expect(changes).toEqual([
      {
        nik: person.nik,
        field: 'occupation',
        label: expect.objectContaining({ id: expect.stringMatching(/ekerjaan/) }) as unknown,
        current,
        proposed: 'SESUAI BUKTI PERUBAHAN DATA',
      },
    ]);
  });
});

describe('desk-application-submit', () => {
  it('stores a desk application like the kiosk does, with the officer as actor', async () => {
    const result = value(await sri.send('desk-application-submit', submission(station)));
    expect(result.number).toMatch(/^OKI-.+-20261129-0001$/);
    expect(result.receipt.maskedNik).toBe('160205********01');
    const row = station.deps.sqlite
      .prepare(
        `SELECT a.channel, h.actor, h.actor_user_id FROM applications a
         JOIN application_status_history h ON h.application_id = a.id`,
      )
      .get();
    expect(row).toEqual({ channel: 'desk', actor: 'Sri Wahyuni', actor_user_id: 'user-sri' });
    const audit = station.deps.sqlite
      .prepare("SELECT actor, role FROM audit_log WHERE action = 'desk.application-submitted'")
      .get();
    expect(audit).toEqual({ actor: 'Sri Wahyuni', role: 'operator' });
    expect(count(station, 'outbox', "aggregate = 'application'")).toBe(1);
    const bad = await sri.send(
      'desk-application-submit',
      submission(station, { serviceCode: 'x' }),
    );
    expect(reasonOf(bad)).toBe('UNKNOWN_SERVICE');
    expect(count(station, 'applications')).toBe(1);
  });
});
