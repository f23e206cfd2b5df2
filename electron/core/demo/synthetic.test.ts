import { describe, expect, it } from 'vitest';
import { syntheticFamilies } from './synthetic';

const villages = ['1602052011', '1602051002', '1602022001', '1602242002'];

function collect(seed: number, residents: number) {
  return [...syntheticFamilies({ seed, villageCodes: villages, residents, today: '2026-11-29' })];
}

describe('synthetic residents', () => {
  it('is deterministic for a seed and different across seeds', () => {
    expect(collect(1, 300)).toEqual(collect(1, 300));
    expect(collect(2, 300)[0]?.kk).not.toBe(collect(1, 300)[0]?.kk);
  });

  it('makes unique, structurally valid NIKs and KK numbers matching sex, birth date and district', () => {
    const families = collect(7, 5000);
    const people = families.flatMap((f) =>
      f.members.map((m) => ({ ...m, village: f.villageCode })),
    );
    expect(people.length).toBeGreaterThanOrEqual(5000);
    expect(new Set(people.map((p) => p.nik)).size).toBe(people.length);
    expect(new Set(families.map((f) => f.kk)).size).toBe(families.length);
    for (const p of people) {
      expect(p.nik).toMatch(/^\d{16}$/);
      expect(p.nik.slice(0, 6)).toBe(p.village.slice(0, 6));
      const day = Number(p.nik.slice(6, 8));
      const [y, m, d] = p.birthDate.split('-');
      expect(day).toBe(Number(d) + (p.sex === 2 ? 40 : 0));
      expect(p.nik.slice(8, 12)).toBe(`${m}${y?.slice(2)}`);
      expect(p.nik.slice(12)).not.toBe('0000');
    }
    for (const f of families) expect(f.kk.slice(0, 6)).toBe(f.villageCode.slice(0, 6));
  });

  it('builds plausible families: one head, a wife only beside a married head, no child older than a parent', () => {
    for (const family of collect(3, 3000)) {
      const heads = family.members.filter((m) => m.relationship === 1);
      expect(heads).toHaveLength(1);
      const head = heads[0]!;
      const wife = family.members.find((m) => m.relationship === 3);
      if (wife) {
        expect(head.maritalStatus).toBe(2);
        expect(wife.sex).toBe(2);
      }
      for (const child of family.members.filter((m) => m.relationship === 4)) {
        expect(child.birthDate > head.birthDate).toBe(true);
        expect(child.maritalStatus).toBe(1);
      }
      expect(family.members.every((m) => m.birthDate <= '2026-11-29')).toBe(true);
    }
  });

  it('includes the spelling variants that search must bridge', () => {
    const names = collect(5, 20000).flatMap((f) => f.members.map((m) => m.name));
    expect(names.some((n) => n.startsWith('MUHAMMAD'))).toBe(true);
    expect(names.some((n) => n.startsWith('MUHAMAD'))).toBe(true);
  });
});
