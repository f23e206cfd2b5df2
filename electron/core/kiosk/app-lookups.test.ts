import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';

const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;

let station: TestStation;
let client: Client;
let connections = 0;

beforeEach(async () => {
  station = await createTestStation();
  client = memoryPair(station.dispatcher, `lookups-${connections++}`, kiosk);
});
afterEach(() => station.dispose());

async function value<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) {
  const settled = await result;
  if (!settled.ok) throw new Error(JSON.stringify(settled.error));
  return settled.value;
}

describe('kiosk-code-lists', () => {
  it('has every list a select field names, with its printed labels, and no other', async () => {
    const lists = await value(client.send('kiosk-code-lists', {}));
    const fields = station.deps.catalogue.groups.flatMap((g) =>
      g.services.flatMap((s) => s.fields.filter((f) => f.type === 'select')),
    );
    const named = new Set(fields.map((f) => f.codeList));
    expect(named.size).toBeGreaterThan(0);
    expect(new Set(Object.keys(lists))).toEqual(named);
    for (const [name, list] of Object.entries(lists)) {
      const items = station.deps.codeLists.items(name as never);
      expect(list.title).toEqual(station.deps.codeLists.title(name as never));
      expect(list.options).toEqual(items.map((i) => ({ value: String(i.code), label: i.label })));
    }
    expect(lists['jenisKelamin']?.options).toEqual([
      { value: '1', label: 'LAKI-LAKI' },
      { value: '2', label: 'PEREMPUAN' },
    ]);
    expect(lists['kewarganegaraan']?.options.map((o) => o.value)).toEqual(['WNI', 'WNA']);
    expect(lists).not.toHaveProperty('penyandangCacat');
    expect(JSON.stringify(lists)).not.toContain('CACAT');
  });
});

describe('kiosk-villages', () => {
  it("lists the current villages of the unit's regency, sorted, with kind and kecamatan", async () => {
    const unit = station.deps.unit.region_code;
    const regency = unit.slice(0, 4);
    const expected = station.deps.sqlite
      .prepare(
        `SELECT count(*) FROM regions WHERE level = 'village' AND valid_until_version IS NULL
         AND code >= ? AND code < ?`,
      )
      .pluck()
      .get(regency, `${regency}:`) as number;
    // The test station loads the shipped Kemendagri table: OKI (16.02) has 327 villages there.
    expect(expected).toBeGreaterThan(0);

    const answer = await value(client.send('kiosk-villages', {}));
    expect(answer.unitVillageCode).toBe(unit);
    expect(answer.regencyName).toBe('Kabupaten Ogan Komering Ilir');
    expect(answer.villages).toHaveLength(expected);
    expect(answer.villages.find((v) => v.code === unit)).toEqual({
      code: '1602052011',
      name: 'Kijang Ulu',
      kind: 'desa',
      districtCode: '160205',
      districtName: 'Kayu Agung',
    });
    expect(answer.villages.find((v) => v.code === '1602051002')?.kind).toBe('kelurahan');
    for (const v of answer.villages) {
      expect(v.code).toMatch(/^[0-9]{10}$/);
      expect(v.code.startsWith(v.districtCode)).toBe(true);
      expect(v.kind).toBe(v.code[6] === '1' ? 'kelurahan' : 'desa');
    }
    const order = answer.villages.map((v) => [v.districtName, v.name]);
    const sorted = [...order].sort(
      ([d1 = '', n1 = ''], [d2 = '', n2 = '']) =>
        d1.localeCompare(d2, 'id') || n1.localeCompare(n2, 'id'),
    );
    expect(order).toEqual(sorted);
    expect(await value(client.send('kiosk-villages', {}))).toEqual(answer);
  });

  it('leaves out closed codes', async () => {
    station.deps.sqlite
      .prepare("UPDATE regions SET valid_until_version = 'next' WHERE code = '1602052011'")
      .run();
    const answer = await value(client.send('kiosk-villages', {}));
    expect(answer.villages.map((v) => v.code)).not.toContain('1602052011');
    expect(answer.unitVillageCode).toBe('1602052011');
  });

  it('answers an empty list when the station has no region table', async () => {
    station.deps.sqlite.exec('DELETE FROM regions; DELETE FROM region_versions;');
    const answer = await value(client.send('kiosk-villages', {}));
    expect(answer).toEqual({
      unitVillageCode: '1602052011',
      regencyName: 'Kabupaten Ogan Komering Ilir',
      villages: [],
    });
    expect(station.errors).toEqual([]);
  });
});
