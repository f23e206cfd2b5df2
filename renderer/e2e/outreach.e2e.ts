import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DeviceRead, DeviceStatus } from '../../electron/contract';
import {
  openStationDbReadOnly,
  pdfVectorPaths,
  trySocket,
} from '../../electron/testing/outreach-e2e';
import { CHART_FILLS } from '../../electron/core/outreach/report-charts';
import { tool } from '../../electron/testing/pdf-tools';
import { nextPush, useOutreach, type OpenPage } from './outreach-harness';
import { accessibilityProblems } from './pages/a11y';
import { createOfficer, login, logout, setupFirstAdmin } from './pages/accounts';
import { DevicesPage } from './pages/devices';
import { OutreachBoardPage } from './pages/outreach-board';
import {
  OutreachDeskPage,
  QueueDisplayPage,
  SPEECH_TRACKER,
  type Arrival,
} from './pages/outreach-desk';
import { LanPage, pairRefusal, pairWith } from './pages/outreach-lan';
import { OutreachPlanPage } from './pages/outreach-plan';
import { RecordingPage } from './pages/recording';
import { StockPage } from './pages/records';
import { SyncPage } from './pages/sync';

/**
 * Issue 16, "Must be shown", in Chromium, ALL over the station's LAN address with TLS: the
 * training station runs `--lan` and serves HTTPS with the certificate it made itself (Chromium
 * trusts exactly that certificate, by its key's hash); the supervisor plans an event for Desa
 * Kijang Ulu on the host laptop and carries 20 blanks out; desks 2 and 3 join by the pairing QR
 * read from a screenshot of the host's screen, the hall's display joins the same way; 12 visitors
 * arrive at the host laptop's second screen with 20 services; desks 2 and 3 call them and the
 * display shows and announces each number; both desks record a KTP-el portrait (two 16-17 year
 * olds of the village's registry) at the same time, each desk's fake card reader reaching only
 * that desk, each recording linked back to its visit; the report's charts are SVG on screen and
 * vector paths in its PDF, whose figures equal the station database's; the confirmed report
 * reaches the district hub.
 * A removed desk's socket is refused at once; a browser without the pairing token gets nothing.
 * axe-core finds nothing serious or critical on the event screens, the display and the report.
 */

const ADMIN = { username: 'rina.admin', name: 'Rina Marlina', pin: 'kijang-2026' };
const SUPERVISOR = { username: 'sari.spv', name: 'Sari Wulandari', pin: 'ketua-8841' };
const DESK1 = { username: 'dewi.op', name: 'Dewi Lestari', pin: 'loket-5821' };
const DESK2 = { username: 'budi.op', name: 'Budi Hartono', pin: 'meja-2-7734' };
const DESK3 = { username: 'tono.op', name: 'Tono Prasetyo', pin: 'meja-3-4419' };
const KIJANG_ULU = '1602052011';
const START_REASON =
  'Stasiun pelatihan: belum pernah sinkron dan cek perangkat belum dijalankan hari ini';
const FOLLOW_UP_REASON = 'Akta nikah orang tua belum dibawa, menyusul ke kantor kecamatan';
/** A refused WebSocket upgrade: ws answers a refused verifyClient with 401 (403 also fits). */
const REFUSED_UPGRADE = [401, 403];
/** Card UIDs tapped on the desks' fake readers: desk 2 twice, desk 3 once. */
const UID_DESK2 = '04A1B2C3D4E502';
const UID_DESK3 = '04A1B2C3D4E503';
const UID_DESK2_AGAIN = '04A1B2C3D4E512';
const RECORDING = 'perekaman-ktp-el';

/** A person of the registry who comes to be recorded. */
interface Youth {
  nik: string;
  name: string;
  birthDate: string;
}

/**
 * 12 visitors, 20 services between them. The first two are youths of the village's registry
 * (16 or 17, born in an odd year: the camera's red backdrop) who come with their NIK for their
 * first KTP-el recording; desks 2 and 3 record them at the same time. The other ten come without
 * a NIK. One KK change waits for a document: a follow-up with a reason.
 */
const OTHER_VISITORS: Arrival[] = [
  {
    name: 'Joko Susilo',
    services: [
      { code: 'perekaman-ktp-el', subjectName: 'Joko Susilo' },
      { code: 'kk-perubahan', subjectName: 'Joko Susilo' },
    ],
  },
  {
    name: 'Siti Rahma',
    services: [
      { code: 'kk-perubahan', subjectName: 'Siti Rahma' },
      { code: 'kia-baru', subjectName: 'Putri Rahma' },
      { code: 'kia-baru', subjectName: 'Bayu Rahma' },
    ],
  },
  { name: 'Hendra Wijaya', services: [{ code: 'kia-baru', subjectName: 'Nadia Wijaya' }] },
  {
    name: 'Maya Sari',
    services: [
      { code: 'akta-kelahiran', subjectName: 'Rafi Sari' },
      { code: 'kia-baru', subjectName: 'Rafi Sari' },
    ],
  },
  { name: 'Agus Salim', services: [{ code: 'kk-perubahan', subjectName: 'Agus Salim' }] },
  { name: 'Lina Marlina', services: [{ code: 'perekaman-ktp-el', subjectName: 'Lina Marlina' }] },
  {
    name: 'Dedi Kurniawan',
    services: [
      { code: 'kk-perubahan', subjectName: 'Dedi Kurniawan' },
      { code: 'akta-kelahiran', subjectName: 'Dinda Kurniawan' },
    ],
  },
  {
    name: 'Yuni Kartika',
    services: [
      { code: 'kia-baru', subjectName: 'Alya Kartika' },
      { code: 'kia-baru', subjectName: 'Bima Kartika' },
    ],
  },
  { name: 'Rudi Hartono', services: [{ code: 'akta-kelahiran', subjectName: 'Cici Hartono' }] },
  {
    name: 'Wati Suryani',
    services: [
      { code: 'perekaman-ktp-el', subjectName: 'Wati Suryani' },
      { code: 'kk-perubahan', subjectName: 'Wati Suryani' },
      { code: 'kia-baru', subjectName: 'Gilang Suryani' },
    ],
  },
];
/** All 12, the two youths first (filled in step 5 from the registry). */
let visitors: Arrival[] = [];

/** Today in Asia/Jakarta, YYYY-MM-DD: the event's one day. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

const outreach = useOutreach();

/** The pages of the story, kept from one step to the next. */
let host: OpenPage;
/** The host laptop's second screen at the hall's entrance (host URL): arrivals. */
let reception: OpenPage;
let desk2: OpenPage;
let desk3: OpenPage;
let display: OpenPage;
let eventId = '';
let youths: Youth[] = [];
const called: Array<{ number: string; desk: string }> = [];
const scans: Record<string, string[]> = {};

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what}: an earlier step failed`);
  return value;
}

/** The browser's cookies for the station, as a Cookie header. */
async function cookieHeader(opened: OpenPage): Promise<string> {
  const cookies = await opened.context.cookies(outreach.station.origin);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The socket URL a page of the station opens (same origin, /ws). */
function socketUrl(query = ''): string {
  return `wss://${outreach.station.address}:${outreach.station.port}/ws${query}`;
}

/** Reads one labelled integer from pdftotext -layout text: the first number after the label. */
function figureAfter(text: string, label: RegExp): number {
  const line = text.split('\n').find((l) => label.test(l));
  if (!line) throw new Error(`the PDF has no line matching ${label}:\n${text}`);
  const rest = line.slice((label.exec(line)?.index ?? 0) + (label.exec(line)?.[0].length ?? 0));
  const number = /(\d[\d.]*)/.exec(rest)?.[1];
  if (number === undefined) throw new Error(`no figure after ${label} in "${line}"`);
  return Number(number.replace(/\./g, ''));
}

/** The two desks that call and serve: the paired desks 2 and 3 (each with its own card reader). */
function desks(): Array<{ page: OutreachDeskPage; desk: string; opened: OpenPage }> {
  return [
    { page: new OutreachDeskPage(desk2.page), desk: 'meja-2', opened: desk2 },
    { page: new OutreachDeskPage(desk3.page), desk: 'meja-3', opened: desk3 },
  ];
}

/** Full years from a YYYY-MM-DD birth date to a YYYY-MM-DD day. */
function yearsOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * `count` living WNI residents of Kijang Ulu in the station's registry, 16 or 17 today, born in an
 * odd year (a red backdrop, the camera's), with no recording yet: first-time recordings.
 */
function youthsToRecord(count: number): Youth[] {
  const db = openStationDbReadOnly(outreach.station.dataDir);
  try {
    const rows = db
      .prepare(
        `select nik, name, birth_date as birthDate from residents r
         where village_code = ? and is_alive = 1 and citizenship = 'WNI' and birth_year % 2 = 1
           and not exists (select 1 from recordings c where c.resident_nik = r.nik)
         order by nik`,
      )
      .all(KIJANG_ULU) as Youth[];
    const found = rows.filter((r) => [16, 17].includes(yearsOn(r.birthDate, TODAY)));
    if (found.length < count)
      throw new Error(`the training registry has ${found.length} youths of 16-17 in Kijang Ulu`);
    return found.slice(0, count);
  } finally {
    db.close();
  }
}

/** The event's visits and services as the station stored them (its own database, read-only). */
function stationCounts(): Record<
  'visitors' | 'served' | 'services' | 'done' | 'followUp' | 'firstTime',
  number
> {
  const db = openStationDbReadOnly(outreach.station.dataDir);
  try {
    const one = (query: string) => (db.prepare(query).get(eventId) as { n: number }).n;
    const services =
      'select count(*) as n from outreach_visit_services s join outreach_visits v on v.id = s.visit_id where v.event_id = ?';
    return {
      visitors: one('select count(*) as n from outreach_visits where event_id = ?'),
      served: one(
        "select count(*) as n from outreach_visits where event_id = ? and status = 'done'",
      ),
      services: one(services),
      done: one(`${services} and s.status = 'done'`),
      followUp: one(`${services} and s.status = 'follow-up'`),
      firstTime: firstTimeRecordings(db),
    };
  } finally {
    db.close();
  }
}

/**
 * First-time recordings as the database has them: the event's KTP-el recording services done,
 * whose linked recording (else the registry subject) was 16 or 17 on the visit's day, and whose
 * recording is not a duplicate.
 */
function firstTimeRecordings(db: ReturnType<typeof openStationDbReadOnly>): number {
  const rows = db
    .prepare(
      `select v.day, coalesce(r.birth_date, s.subject_birth_date) as birth, r.status as recording
       from outreach_visit_services s
       join outreach_visits v on v.id = s.visit_id
       left join recordings r on r.id = s.recording_id
       where v.event_id = ? and s.service_code = ? and s.status = 'done'`,
    )
    .all(eventId, RECORDING) as Array<{
    day: string;
    birth: string | null;
    recording: string | null;
  }>;
  return rows.filter(
    (r) =>
      r.birth !== null && r.recording !== 'duplicate' && [16, 17].includes(yearsOn(r.birth, r.day)),
  ).length;
}

/** The card UIDs that reached a page, in order (its sockets' `device-read` pushes). */
function readsAt(opened: OpenPage): string[] {
  return opened.pushes
    .filter((p) => p.name === 'device-read')
    .map((p) => (p.payload as DeviceRead).value);
}

/** Taps `uid` on the fake reader of the page's own desk; resolves once the page received it. */
async function tapAt(opened: OpenPage, uid: string): Promise<void> {
  const reached = nextPush<DeviceRead>(opened, 'device-read', (r) => r.value === uid);
  const devices = new DevicesPage(opened.page);
  await devices.tap(uid);
  expect(await reached).toMatchObject({ role: 'card-reader', value: uid });
  await devices.closePanel();
}

async function scan(page: Page, name: string): Promise<void> {
  scans[name] = await accessibilityProblems(page);
}

describe.sequential('an outreach event over the LAN (issue 16)', () => {
  it('1. serves HTTPS at the LAN address with its own certificate; without the pairing token a browser gets nothing', async () => {
    const { station } = outreach;
    // The certificate is the station's own (self-signed, made now), names the LAN address, and
    // is the one it printed and serves.
    const served = station.served.certificate;
    expect(served.issuer).toBe(served.subject);
    expect(served.subjectAltName ?? '').toContain(`IP Address:${station.address}`);
    expect(station.served.fingerprint).toBe(station.printedFingerprint);
    // Signed with its own key: self-made, no CA.
    expect(served.verify(served.publicKey)).toBe(true);
    expect(station.output()).toContain(`LAN_CERT_SPKI ${station.served.spki}`);

    // A browser with no token: 403 for the page, its scripts and a wrong token alike.
    const stranger = await outreach.open(`${station.origin}/`);
    const page = stranger.page;
    const first = await page.goto(`${station.origin}/`);
    expect(first?.status()).toBe(403);
    expect(await page.content()).not.toMatch(/<script/i);
    const wrong = await page.goto(`${station.origin}/?pair=${'x'.repeat(station.token.length)}`);
    expect(wrong?.status()).toBe(403);
    const asset = await page.goto(`${station.origin}/index.html`);
    expect(asset?.status()).toBe(403);
    expect(stranger.sockets).toEqual([]);

    // Its WebSocket is refused too (from Node, with a same-origin Origin as a browser sends),
    // with no token and with a wrong one; the station's own token opens one (the probe works).
    const origin = station.origin;
    const none = await trySocket(socketUrl(), { origin, ca: station.served.pem });
    expect(none.opened).toBe(false);
    expect(REFUSED_UPGRADE).toContain(none.status);
    const bad = await trySocket(socketUrl(`?token=${'y'.repeat(station.token.length)}`), {
      origin,
      ca: station.served.pem,
    });
    expect(bad.opened).toBe(false);
    expect(REFUSED_UPGRADE).toContain(bad.status);
    const right = await trySocket(socketUrl(`?token=${station.token}`), {
      origin,
      ca: station.served.pem,
    });
    expect(right.opened).toBe(true);
    right.socket?.close();
    expect(stranger.errors).toEqual([]);
    await stranger.context.close();
  });

  it('2. the host laptop (pairing-token URL): accounts, the station enrolled at the hub, the LAN screen shows the fingerprint', async () => {
    const { station } = outreach;
    host = await outreach.open(station.hostUrl);
    const { page } = host;
    expect(page.url().startsWith(`https://${station.address}:`)).toBe(true);
    await page.getByTestId('kiosk-home').waitFor();
    await setupFirstAdmin(page, ADMIN);
    await createOfficer(page, { ...SUPERVISOR, role: 'supervisor' });
    await createOfficer(page, { ...DESK1, role: 'operator' });
    await createOfficer(page, { ...DESK2, role: 'operator' });
    await createOfficer(page, { ...DESK3, role: 'operator' });

    // The administrator enrols the training station at the district hub (its answer file).
    const sync = new SyncPage(page);
    await sync.openEnrolment();
    const request = await sync.downloadRequest();
    const answer = await outreach.office.hub.enrol(JSON.parse(request.json), outreach.office.url);
    expect(await sync.chooseAnswer('jawaban-pendaftaran.json', JSON.stringify(answer))).toBeNull();
    // The office receives blanks and ribbon (the event carries 20 KTP-el blanks out of 50).
    const stock = new StockPage(page);
    await stock.open();
    expect(
      await stock.move({
        item: 'blanko-ktp-el',
        kind: 'received',
        count: '50',
        note: 'BAST 045/DUKCAPIL-OKI/XII/2026',
      }),
    ).toBeNull();
    for (const [item, count] of [
      ['blanko-kia', '20'],
      ['ribbon', '250'],
    ] as const)
      expect(
        await stock.move({ item, kind: 'received', count, note: 'BAST 045/DUKCAPIL-OKI/XII/2026' }),
      ).toBeNull();
    await stock.waitForLevel('blanko-ktp-el', 50);
    await stock.waitForLevel('blanko-kia', 20);
    await logout(page);

    await login(page, SUPERVISOR);
    const lan = new LanPage(page);
    await lan.open();
    expect(await lan.fingerprint()).toBe(station.printedFingerprint);
    expect(host.errors).toEqual([]);
  });

  it('3. desks 2 and 3 join by the QR read from a screenshot of the host screen, the display joins; a removed desk is refused at once', async () => {
    const { station } = outreach;
    const lan = new LanPage(host.page);

    // Desk 2: the QR on the host's screen, read from a screenshot by zbarimg, is the way in.
    await lan.offer('desk', 'meja-2', 'Meja 2');
    const desk2Url = await lan.scanQrFromScreen();
    expect(desk2Url).toMatch(
      new RegExp(`^https://${station.address.replace(/\./g, '\\.')}:${station.port}/pair#\\S+$`),
    );
    desk2 = await outreach.open(desk2Url);
    await pairWith(desk2.page);
    await lan.waitConnected('Meja 2', 1);
    await login(desk2.page, DESK2);
    // The same QR again: a pairing offer is used once.
    const replay = await outreach.open(desk2Url);
    expect(await pairRefusal(replay.page)).toMatch(/sudah dipakai/);
    await replay.context.close();

    // Desk 3, the second recording set, the same way.
    await lan.offer('desk', 'meja-3', 'Meja 3');
    desk3 = await outreach.open(await lan.scanQrFromScreen());
    await pairWith(desk3.page);
    await lan.waitConnected('Meja 3', 1);
    await login(desk3.page, DESK3);

    // The hall's queue display.
    await lan.offer('display', null, 'Layar antrean');
    const displayUrl = await lan.scanQrFromScreen();
    display = await outreach.open(displayUrl, {
      viewport: { width: 1920, height: 1080 },
      initScript: SPEECH_TRACKER,
    });
    await pairWith(display.page);
    await new QueueDisplayPage(display.page).waitForScreen();
    await lan.waitConnected('Layar antrean', 1);

    // Desk 4 pairs, then the supervisor removes it: its open socket is closed at once, it
    // cannot open another, and its page is refused (403) from now on.
    await lan.offer('desk', 'meja-4', 'Meja 4');
    const desk4 = await outreach.open(await lan.scanQrFromScreen());
    await pairWith(desk4.page);
    await lan.waitConnected('Meja 4', 1);
    const cookie = await cookieHeader(desk4);
    const liveSocket = need(desk4.sockets.at(-1), 'desk 4 socket');
    const retry = desk4.page.waitForEvent('websocket');
    const closed = liveSocket.waitForEvent('close');
    await lan.remove('Meja 4');
    await closed;
    await desk4.page.getByTestId('connection-banner').waitFor();
    // Its next attempt (the page's own reconnect) is refused: closed without a single frame.
    const again = await retry;
    const frames: unknown[] = [];
    again.on('framereceived', (frame) => frames.push(frame));
    await new Promise<void>((resolve) => {
      if (again.isClosed()) return resolve();
      again.once('close', () => resolve());
      again.once('socketerror', () => resolve());
    });
    expect(frames).toEqual([]);
    // The same from Node with its cookie: refused at the upgrade.
    const removed = await trySocket(socketUrl(), {
      origin: station.origin,
      ca: station.served.pem,
      cookie,
    });
    expect(removed.opened).toBe(false);
    expect(REFUSED_UPGRADE).toContain(removed.status);
    const reload = await desk4.page.goto(`${station.origin}/`);
    expect(reload?.status()).toBe(403);
    expect(desk4.errors).toEqual([]);
    await desk4.context.close();
    expect((await lan.devices()).map((d) => d.label).sort()).toEqual([
      'Layar antrean',
      'Meja 2',
      'Meja 3',
    ]);
    await scan(host.page, 'LAN screen');
    expect(host.errors).toEqual([]);
    expect(desk2.errors).toEqual([]);
    expect(desk3.errors).toEqual([]);
  });

  it('4. the supervisor plans the event for Desa Kijang Ulu, carries 20 blanks out, checks readiness and starts it', async () => {
    const plan = new OutreachPlanPage(host.page);
    await plan.open();
    eventId = await plan.create({
      name: 'Jelades Semedi Desa Kijang Ulu',
      villageCode: KIJANG_ULU,
      day: TODAY,
      venue: 'Balai Desa Kijang Ulu',
      team: [
        { userName: SUPERVISOR.username, task: 'ketua' },
        { userName: DESK1.username, task: 'antrean' },
        { userName: DESK2.username, task: 'perekaman' },
        { userName: DESK3.username, task: 'perekaman' },
      ],
      services: [
        { code: 'perekaman-ktp-el', target: 5 },
        { code: 'kk-perubahan', target: 5 },
        { code: 'kia-baru', target: 8 },
        { code: 'akta-kelahiran', target: 3 },
      ],
    });
    expect(eventId).not.toBe('');
    expect(await plan.status()).toBe('planned');
    await scan(host.page, 'event plan');

    expect(await plan.checkout('blanko-ktp-el', 20)).toBe(20);
    // The KIA cards of the event need their own blanks, and every card a ribbon.
    expect(await plan.checkout('blanko-kia', 10)).toBe(10);
    expect(await plan.checkout('ribbon', 100)).toBe(100);
    await plan.confirmPaper();
    await plan.waitDone('stock-checked-out');
    const readiness = await plan.readiness();
    const state = Object.fromEntries(readiness.map((r) => [r.id, r.done]));
    expect(state['registry-imported']).toBe(true);
    expect(state['stock-checked-out']).toBe(true);
    expect(state['printer-paper']).toBe(true);
    // The training registry of the village is counted on the checklist.
    expect(readiness.find((r) => r.id === 'registry-imported')?.detail).toMatch(/\d/);
    await scan(host.page, 'readiness');

    const failed = readiness.filter((r) => !r.done);
    if (failed.length > 0) {
      // A fresh training station has never synced and ran no hardware check today: a reason.
      expect(await plan.start('terlalu')).toMatch(/alasan/i);
      expect(await plan.status()).toBe('planned');
      expect(await plan.start(START_REASON)).toBeNull();
    } else {
      expect(await plan.start(null)).toBeNull();
    }
    expect(await plan.status()).toBe('running');

    const db = openStationDbReadOnly(outreach.station.dataDir);
    try {
      const event = db
        .prepare(
          'select village_codes, status, start_override_reason from outreach_events where id = ?',
        )
        .get(eventId) as {
        village_codes: string;
        status: string;
        start_override_reason: string | null;
      };
      expect(event.village_codes).toContain(KIJANG_ULU);
      expect(event.status).toBe('running');
      expect(event.start_override_reason).toBe(failed.length > 0 ? START_REASON : null);
      // The event's own stock: the transfer into the event in the stock ledger.
      const out = db
        .prepare(
          "select coalesce(sum(delta), 0) as n from stock_movements where event_id = ? and item = 'blanko-ktp-el' and kind = 'transfer-in'",
        )
        .get(eventId) as { n: number };
      expect(out.n).toBe(20);
    } finally {
      db.close();
    }
    expect(host.errors).toEqual([]);
  });

  it('5. 12 visitors arrive at the entrance with 20 services; desks 2 and 3 call the first two; the display shows each', async () => {
    const { station } = outreach;
    // The two youths come with their NIK for their first recording; ten others without one.
    youths = youthsToRecord(2);
    visitors = [
      ...youths.map((y) => ({
        name: y.name,
        nik: y.nik,
        services: [{ code: RECORDING, subjectName: y.name }],
      })),
      ...OTHER_VISITORS,
    ];
    expect(visitors).toHaveLength(12);
    expect(visitors.flatMap((v) => v.services)).toHaveLength(20);

    // The entrance is a second screen of the host laptop (the host URL), signed in as an officer.
    reception = await outreach.open(station.hostUrl);
    await reception.page.getByTestId('kiosk-home').waitFor();
    await login(reception.page, DESK1);
    const arrivals = new OutreachDeskPage(reception.page);
    await arrivals.openArrivals();
    await scan(reception.page, 'arrivals');
    const numbers: string[] = [];
    for (const visitor of visitors) numbers.push(await arrivals.arrive(visitor));
    expect(new Set(numbers).size).toBe(12);

    const screen = new QueueDisplayPage(display.page);
    for (const [i, d] of desks().entries()) {
      await d.page.openDesk();
      const shown = nextPush<{ number: string; desk: string }>(display, 'outreach-called');
      const number = await d.page.callNext();
      expect(number).toBe(numbers[i]);
      expect(await shown).toMatchObject({ number, desk: d.desk });
      await screen.waitForCalled(number, d.desk);
      called.push({ number, desk: d.desk });
    }
    await scan(desk2.page, 'desk visit');
    await scan(display.page, 'queue display');
    expect(reception.errors).toEqual([]);
    expect(desk2.errors).toEqual([]);
    expect(desk3.errors).toEqual([]);
    expect(display.errors).toEqual([]);
  }, 120_000);

  it('6. desks 2 and 3 record KTP-el portraits at the same time, each fake reader reaching only its own desk; each recording is linked to its visit', async () => {
    const pair = desks();
    // Each desk plugs its own fake card reader from its training panel (its own desk's only).
    for (const d of pair) {
      const devices = new DevicesPage(d.opened.page);
      await devices.openPanel();
      expect(await devices.panelDesk()).toBe(d.desk);
      await d.opened.page.getByTestId('training-card-reader-plug').click();
      const plugged = d.opened.page.locator(
        '[data-testid="training-card-reader"][data-state="training"]',
      );
      await plugged.or(d.opened.page.getByTestId('training-error')).first().waitFor();
      if ((await plugged.count()) === 0)
        throw new Error(`${d.desk}: fake reader not plugged: ${await devices.panelError()}`);
      await devices.closePanel();
    }

    // "Rekam" on each desk's visit: the registry knows the youth's NIK, so the recording screen
    // opens at the eligibility answer for that person, the visit's banner above it.
    for (const d of pair) await d.page.openRecording(0, 'eligibility');
    const recs = pair.map((d) => new RecordingPage(d.opened.page));
    for (const rec of recs)
      expect(await rec.eligibility()).toMatchObject({ isEligible: true, background: 'red' });

    // Both desks start the portrait: two cameras and detectors run side by side ...
    for (const rec of recs) await rec.startPortrait();
    // ... while each desk taps a card on its own reader. Desk 3 receiving its read proves it did
    // not get desk 2's (one socket delivers in order, desk 2's read was routed first); desk 2's
    // second read proves the same for desk 2 and desk 3's read.
    await tapAt(desk2, UID_DESK2);
    await tapAt(desk3, UID_DESK3);
    expect(readsAt(desk3)).toEqual([UID_DESK3]);
    await tapAt(desk2, UID_DESK2_AGAIN);
    expect(readsAt(desk2)).toEqual([UID_DESK2, UID_DESK2_AGAIN]);

    const previews = await Promise.all(recs.map((rec) => rec.waitForPreview(90_000)));
    for (const preview of previews) expect(preview.isAuto).toBe(true);
    // Neither finishes before the other has gone on: each step in both, then both save at once.
    for (const rec of recs) await rec.usePortrait();
    for (const rec of recs) expect(await rec.sign()).toBeGreaterThan(0);
    for (const rec of recs) await rec.next();
    for (const rec of recs) await rec.confirmBiometrics();
    const saved = await Promise.all(recs.map((rec) => rec.save()));
    expect(saved).toEqual([null, null]);

    // Each recording is linked back to its visit's service: on screen and in the database.
    const recordingIds: string[] = [];
    for (const d of pair) {
      await d.page.waitRecordingLinked();
      const id = await d.opened.page.getByTestId('recording-saved').getAttribute('data-id');
      recordingIds.push(need(id ?? undefined, `${d.desk} recording id`));
    }
    expect(new Set(recordingIds).size).toBe(2);
    const db = openStationDbReadOnly(outreach.station.dataDir);
    try {
      for (const [i, d] of pair.entries()) {
        const link = db
          .prepare(
            `select s.service_code as code, s.subject_nik as nik, v.number, v.desk, r.resident_nik as recorded
             from outreach_visit_services s
             join outreach_visits v on v.id = s.visit_id
             join recordings r on r.id = s.recording_id
             where v.event_id = ? and s.recording_id = ?`,
          )
          .all(eventId, recordingIds[i]);
        const youth = need(youths[i], 'youth');
        expect(link).toEqual([
          {
            code: RECORDING,
            nik: youth.nik,
            number: need(called[i], 'call').number,
            desk: d.desk,
            recorded: youth.nik,
          },
        ]);
      }
    } finally {
      db.close();
    }

    // The readers packed away: the status pushes saying both are unplugged go to every screen,
    // after any read could have (in order on each socket); no other screen got a read.
    const screens = [host, reception, desk2, desk3, display];
    const unplugged = screens.map((o) =>
      nextPush<DeviceStatus[]>(o, 'device-status', (list) =>
        pair.every(
          (d) =>
            list.find((s) => s.role === 'card-reader' && s.desk === d.desk)?.state ===
            'disconnected',
        ),
      ),
    );
    for (const d of pair) {
      const devices = new DevicesPage(d.opened.page);
      await devices.setPlugged('card-reader', false);
      await devices.closePanel();
    }
    await Promise.all(unplugged);
    expect(readsAt(desk2)).toEqual([UID_DESK2, UID_DESK2_AGAIN]);
    expect(readsAt(desk3)).toEqual([UID_DESK3]);
    for (const other of [host, reception, display]) expect(readsAt(other)).toEqual([]);
    for (const o of screens) expect(o.errors).toEqual([]);
  }, 240_000);

  it('7. the desks call and finish the other ten; the display announces every number; the live board follows by pushes', async () => {
    const board = new OutreachBoardPage(host.page);
    await board.openBoard();
    await scan(host.page, 'live board');
    const screen = new QueueDisplayPage(display.page);
    // Back at the desks: the first two visits' recording done, the visits ended.
    for (const d of desks()) {
      await d.page.openDesk();
      await d.page.setService(0, 'done');
      await d.page.finish();
    }
    for (let i = 2; i < visitors.length; i++) {
      const d = need(desks()[i % 2], 'desk');
      const shown = nextPush<{ number: string; desk: string }>(display, 'outreach-called');
      const number = await d.page.callNext();
      expect(await shown).toMatchObject({ number, desk: d.desk });
      await screen.waitForCalled(number, d.desk);
      called.push({ number, desk: d.desk });
      const visitor = need(visitors[i], 'visitor');
      const count = await d.page.serviceCount();
      expect(count).toBe(visitor.services.length);
      for (let s = 0; s < count; s++) {
        // Dedi's KK change waits for a document: a follow-up with its reason.
        if (visitor.name === 'Dedi Kurniawan' && s === 0)
          await d.page.setService(s, 'follow-up', FOLLOW_UP_REASON);
        else await d.page.setService(s, 'done');
      }
      await d.page.finish();
    }
    expect(called).toHaveLength(12);
    // The display announced each number it showed (its log), aloud or with a chime.
    for (const c of called) await screen.waitAnnounced(c.number);
    expect((await screen.announced()).sort()).toEqual(called.map((c) => c.number).sort());
    const spoken = await screen.spoken();
    expect(spoken.said.length + spoken.chimes).toBeGreaterThanOrEqual(12);
    // A hall TV does not scroll: with both desks and the recent calls it all fits on screen.
    expect(await screen.overflow()).toBe(0);
    // The board, refreshed by pushes: nobody waiting, 12 served.
    await board.waitFigure('waiting', 0);
    await board.waitFigure('served', 12);
    expect(host.pushes.some((p) => p.name === 'outreach-board')).toBe(true);
    expect(reception.errors).toEqual([]);
    expect(desk2.errors).toEqual([]);
    expect(desk3.errors).toEqual([]);
    expect(display.errors).toEqual([]);
  }, 180_000);

  it("8. the report: SVG charts on screen; its PDF has vector charts and the database's counts; confirmed, it reaches the hub", async () => {
    const board = new OutreachBoardPage(host.page);
    await board.openReport();
    const charts = await board.charts();
    expect(charts['report-chart-services']).toBe(4);
    expect(charts['report-chart-sex']).toBeGreaterThan(0);
    expect(charts['report-chart-age']).toBeGreaterThan(0);
    await scan(host.page, 'report');

    // What the station stored, read from its own database beside it.
    const expected = stationCounts();
    // The two youths recorded today are the event's first-time recordings.
    expect(expected).toEqual({
      visitors: 12,
      served: 12,
      services: 20,
      done: 19,
      followUp: 1,
      firstTime: 2,
    });
    expect(await board.reportFigure('visitors')).toBe(expected.visitors);
    expect(await board.reportFigure('served')).toBe(expected.served);
    expect(await board.reportFigure('asked')).toBe(expected.services);
    expect(await board.reportFigure('done')).toBe(expected.done);
    expect(await board.reportFigure('first-time')).toBe(expected.firstTime);

    const file = await board.downloadPdf();
    const text = tool('pdftotext', ['-layout', file, '-'], 'poppler-utils').toString('utf8');
    expect(figureAfter(text, /Pengunjung/)).toBe(expected.visitors);
    expect(figureAfter(text, /Orang dilayani/)).toBe(expected.served);
    expect(figureAfter(text, /Layanan diminta/)).toBe(expected.services);
    expect(figureAfter(text, /Layanan selesai/)).toBe(expected.done);
    expect(figureAfter(text, /Perekaman pertama \(16.17 th\)/)).toBe(expected.firstTime);
    expect(figureAfter(text, /Blanko KTP-el/)).toBe(20);
    // The one pending service with its reason (a table cell: pdftotext wraps it in two lines).
    expect(text).toMatch(/Belum selesai \(1\)/);
    const [reasonHead, reasonTail] = [FOLLOW_UP_REASON.slice(0, 43), FOLLOW_UP_REASON.slice(44)];
    expect(text).toContain(reasonHead);
    expect(text).toContain(reasonTail);
    // Its charts are vector paths in the chart colours (one per bar with a value, at least).
    const fills = new Set(CHART_FILLS.map((c) => c.toLowerCase()));
    const chartPaths = pdfVectorPaths(file).filter((p) => fills.has(p.fill));
    const bars = Object.values(charts).reduce((n, b) => n + b, 0);
    expect(chartPaths.length).toBeGreaterThanOrEqual(bars);

    // Confirmed by the leader, sent in the next packet, listed by the hub.
    await board.confirm();
    const sync = new SyncPage(host.page);
    await sync.openSync();
    const sent = await sync.sendNow();
    expect(sent.rejected).toBe(0);
    const records = await outreach.office.hub.db
      .selectFrom('records')
      .select(['aggregate', 'data'])
      .where('aggregate', '=', 'outreach-event')
      .execute();
    const reported = records
      .map((r) => JSON.parse(r.data) as { eventId?: string; figures?: { peopleServed?: number } })
      .filter((r) => r.eventId === eventId);
    expect(reported.map((r) => r.figures?.peopleServed)).toEqual([12]);
    const staff = await outreach.office.signInAs('admin');
    const listed = await staff.call('reports-outreach-list', {});
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain(eventId);
    expect(host.errors).toEqual([]);
  }, 120_000);

  it('9. axe-core: nothing serious or critical on the event screens, the queue display and the report', () => {
    console.log('axe scans:', scans);
    expect(Object.keys(scans)).toEqual(
      expect.arrayContaining([
        'LAN screen',
        'event plan',
        'readiness',
        'arrivals',
        'desk visit',
        'live board',
        'queue display',
        'report',
      ]),
    );
    expect(scans).toEqual(Object.fromEntries(Object.keys(scans).map((k) => [k, []])));
  });
});
