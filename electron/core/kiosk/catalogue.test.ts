import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KioskCatalogue } from '../../contract';
import type { ServerMessage } from '../../contract/envelope';
import { createTestStation } from '../../testing/station';
import { CatalogueError, loadCatalogue, parseCatalogue, toServiceItems } from './catalogue';

const resourcesDir = fileURLToPath(new URL('../../../resources', import.meta.url));
const shippedFile = fileURLToPath(
  new URL('../../../resources/data/catalogue.json', import.meta.url),
);

/** Every service of domain §3.4, by the code the catalogue gives it. */
const DOMAIN_SERVICES = [
  'biodata-baru',
  'kk-baru',
  'kk-ganti-kepala',
  'kk-pisah',
  'kk-tambah-anggota',
  'kk-perubahan',
  'kk-hilang-rusak',
  'ktp-el-baru',
  'ktp-el-hilang',
  'ktp-el-rusak',
  'ktp-el-perubahan',
  'kia-baru',
  'kia-hilang-rusak',
  'akta-kelahiran',
  'akta-kematian',
  'pindah-keluar',
  'pindah-datang',
  'akta-perkawinan',
  'akta-perceraian',
  'surat-keterangan-pindah-luar-negeri',
  'surat-keterangan-datang-luar-negeri',
  'surat-keterangan-lahir-mati',
  'surat-keterangan-tempat-tinggal',
  'surat-keterangan-pengganti-identitas',
];

/** A fresh copy of the shipped file, to break in one place. */
function shipped(): unknown {
  return JSON.parse(readFileSync(shippedFile, 'utf8')) as unknown;
}

type Node = Record<string, unknown>;

/** The object holding the last key of a dotted path (numbers index arrays). */
function parentOf(raw: unknown, path: string): { node: Node; key: string } {
  const keys = path.split('.');
  const key = keys.pop() ?? '';
  const node = keys.reduce<unknown>((n, k) => (n as Node)[k], raw);
  if (typeof node !== 'object' || node === null) throw new Error(`no object at ${path}`);
  return { node: node as Node, key };
}

function set(raw: unknown, path: string, value: unknown): void {
  const { node, key } = parentOf(raw, path);
  node[key] = value;
}

function unset(raw: unknown, path: string): void {
  const { node, key } = parentOf(raw, path);
  expect(key in node).toBe(true);
  delete node[key];
}

function indexOf(raw: unknown, list: string, code: string): number {
  const items = (raw as Record<string, { code: string }[]>)[list] ?? [];
  return items.findIndex((i) => i.code === code);
}

function problemsOf(raw: unknown): string {
  try {
    parseCatalogue(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogueError);
    return (error as CatalogueError).message;
  }
  throw new Error('the catalogue was accepted');
}

function allServices(catalogue: KioskCatalogue) {
  return catalogue.groups.flatMap((g) => g.services);
}

describe('the shipped catalogue', () => {
  const catalogue = loadCatalogue(resourcesDir);

  it('holds every service of domain §3.4', () => {
    const codes = allServices(catalogue).map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(DOMAIN_SERVICES));
    expect(codes).toHaveLength(DOMAIN_SERVICES.length);
  });

  it.each(DOMAIN_SERVICES)('%s has requirements, fields and both languages', (code) => {
    const service = allServices(catalogue).find((s) => s.code === code);
    // kk-baru needs marriage OR divorce proof: both conditional, never all optional.
    expect(service?.requirements.some((r) => r.need !== 'optional')).toBe(true);
    expect(service?.fields.length).toBeGreaterThan(0);
    for (const text of [service?.title, service?.summary, service?.explanation]) {
      expect(text?.id).toBeTruthy();
      expect(text?.en).toBeTruthy();
    }
    // Anything short of a checked source says where it comes from.
    if (!service?.verified) expect(service?.source).toMatch(/🟡|❓/);
  });

  it('says in both languages that services are free, with the legal basis', () => {
    expect(catalogue.fee).toBe(0);
    expect(catalogue.freeOfCharge.text.id).toMatch(/GRATIS/);
    expect(catalogue.freeOfCharge.text.en).toMatch(/FREE/);
    expect(catalogue.freeOfCharge.legalBasis).toMatch(/79A/);
    expect(catalogue.freeOfCharge.legalBasis).toMatch(/95B/);
  });

  it('keeps the home-screen groups and their queue letters', () => {
    const items = toServiceItems(catalogue);
    expect(items.find((i) => i.code === 'kk')?.queueLetter).toBe('A');
    expect(items.find((i) => i.code === 'ktp-el')?.queueLetter).toBe('B');
    expect(items.find((i) => i.code === 'cek-status')?.queueLetter).toBe('G');
    expect(new Set(items.map((i) => i.queueLetter)).size).toBe(items.length);
  });

  it('resolves references for the wizard', () => {
    const kkBaru = allServices(catalogue).find((s) => s.code === 'kk-baru');
    const marriage = kkBaru?.requirements.find((r) => r.code === 'bukti-perkawinan');
    expect(marriage?.need).toBe('conditional');
    expect(marriage?.condition?.en).toBeTruthy();
    expect(marriage?.alternatives.map((a) => a.code)).toEqual(['sptjm-perkawinan']);
    const sptjm = kkBaru?.requirements.find((r) => r.code === 'sptjm-perkawinan');
    expect(sptjm?.form).toMatchObject({ code: 'F-1.05', verified: false });
    const akta = allServices(catalogue).find((s) => s.code === 'akta-kelahiran');
    expect(akta?.hasChildData).toBe(true);
    expect(akta?.fields.find((f) => f.code === 'jenis-kelamin')?.codeList).toBe('jenisKelamin');
    const perkawinan = allServices(catalogue).find((s) => s.code === 'akta-perkawinan');
    // The four-eyes rule of the desk (docs/desk-verification.md) keys on this flag.
    const changing = allServices(catalogue).filter((s) => s.changesResident);
    expect(changing.map((s) => s.code).sort()).toEqual(
      [
        ...['akta-kematian', 'kk-baru', 'kk-ganti-kepala', 'kk-perubahan', 'kk-pisah'],
        ...['kk-tambah-anggota', 'ktp-el-perubahan', 'pindah-datang', 'pindah-keluar'],
      ].sort(),
    );
    expect(perkawinan?.eligibility[0]?.text.id).toMatch(/KUA/);
  });

  it('marks unverified forms and service facts instead of asserting them', () => {
    const forms = allServices(catalogue).flatMap((s) => s.forms);
    expect(forms.find((f) => f.code === 'F-2.01')).toMatchObject({ verified: false });
    expect(forms.filter((f) => f.verified)).toEqual([]);
    const sk = allServices(catalogue).filter((s) => s.code.startsWith('surat-keterangan-'));
    expect(sk.every((s) => !s.verified && s.source.includes('❓'))).toBe(true);
  });
});

describe('a broken catalogue is refused with a clear message', () => {
  it('duplicate service code', () => {
    const raw = shipped();
    set(raw, 'groups.1.services.0.code', 'kk-baru');
    expect(problemsOf(raw)).toMatch(/group or service code "kk-baru" is defined more than once/);
  });

  it('duplicate queue letter', () => {
    const raw = shipped();
    set(raw, 'groups.1.queueLetter', 'A');
    expect(problemsOf(raw)).toMatch(/queue letter "A" is defined more than once/);
  });

  it('missing English', () => {
    const raw = shipped();
    unset(raw, 'groups.0.services.0.title.en');
    expect(problemsOf(raw)).toMatch(/groups\[0\]\.services\[0\]\.title\.en/);
  });

  it('empty Indonesian text', () => {
    const raw = shipped();
    set(raw, 'requirements.0.label.id', '');
    expect(problemsOf(raw)).toMatch(/requirements\[0\]\.label\.id/);
  });

  it('unknown code list', () => {
    const raw = shipped();
    set(raw, `fields.${indexOf(raw, 'fields', 'agama')}.codeList`, 'agamaLama');
    expect(problemsOf(raw)).toMatch(/unknown code list "agamaLama"/);
  });

  it('dangling requirement, field, alternative and form references', () => {
    const raw = shipped();
    set(raw, 'groups.0.services.0.requirements.0.ref', 'surat-sakti');
    set(raw, 'groups.0.services.0.requirements.1.alternatives', ['sptjm-sakti']);
    set(raw, 'groups.0.services.0.fields.0.ref', 'nomor-sepatu');
    set(raw, 'groups.0.services.0.forms', ['F-9.99']);
    const message = problemsOf(raw);
    expect(message).toMatch(/unknown requirement "surat-sakti"/);
    expect(message).toMatch(/unknown alternative requirement "sptjm-sakti"/);
    expect(message).toMatch(/unknown field "nomor-sepatu"/);
    expect(message).toMatch(/unknown form "F-9\.99"/);
  });

  it('a conditional requirement without its condition', () => {
    const raw = shipped();
    unset(raw, 'groups.0.services.0.requirements.0.condition');
    expect(problemsOf(raw)).toMatch(/needs a condition exactly when need is "conditional"/);
  });

  it('a service without requirements', () => {
    const raw = shipped();
    set(raw, 'groups.0.services.0.requirements', []);
    expect(problemsOf(raw)).toMatch(/every service has at least one requirement/);
  });

  it('a fee', () => {
    const raw = shipped();
    set(raw, 'fee', 10000);
    expect(problemsOf(raw)).toMatch(/fee must be 0/);
  });

  it('a misspelt key', () => {
    const raw = shipped();
    set(raw, 'requirements.0.photoAtKoisk', true);
    expect(problemsOf(raw)).toMatch(/photoAtKoisk/);
  });
});

describe('loading', () => {
  it('names the file when it is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'lm-catalogue-'));
    try {
      expect(() => loadCatalogue(empty)).toThrow(/cannot read .*catalogue\.json/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('is served to a kiosk connection by kiosk-catalogue', async () => {
    const station = await createTestStation();
    try {
      const replies: ServerMessage[] = [];
      station.dispatcher.connect('kiosk-1', station.initialSession(), (m) => replies.push(m));
      await station.dispatcher.receive('kiosk-1', {
        kind: 'call',
        id: 1,
        name: 'kiosk-catalogue',
        args: {},
      });
      const reply = replies.find((m) => m.kind === 'reply');
      if (reply?.kind !== 'reply' || !reply.result.ok) throw new Error('no catalogue');
      const catalogue = reply.result.value as KioskCatalogue;
      expect(catalogue.groups.map((g) => g.code)).toContain('ktp-el');
      expect(catalogue.freeOfCharge.text.id).toMatch(/GRATIS/);
    } finally {
      await station.dispose();
    }
  });
});
