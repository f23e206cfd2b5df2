import { describe, expect, it } from 'vitest';
import { nameWords } from './names';
import { editDistance, scoreName } from './search-score';

const score = (typed: string, recorded: string) => scoreName(nameWords(typed), recorded);

describe('editDistance', () => {
  it.each([
    ['handayani', 'handayani', 0],
    ['handayani', 'handyani', 1],
    ['handayani', 'hnadayani', 1],
    ['handayani', 'handayeni', 1],
    ['handayani', 'handaryani', 1],
    ['handayani', 'hadnyani', 2],
    ['abc', 'xyzabc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
  });
});

describe('scoreName', () => {
  it('orders exact, spacing, variant, longer name, typo, prefix', () => {
    const ranked = [
      score('siti aminah', 'SITI AMINAH'),
      score('siti aminah', 'SITIAMINAH'),
      score('siti aminah', 'SITY AMINAH'),
      score('siti aminah', 'SITI AMINAH PUTRI'),
      score('siti aminah', 'SITI AMNAH'),
      score('siti am', 'SITI AMINAH'),
    ].map((s) => s.score);
    expect(ranked[0]).toBe(1);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
    expect(new Set(ranked).size).toBe(ranked.length);
  });

  it('says exact only when every typed word is spelled as recorded', () => {
    expect(score('aminah', 'SITI AMINAH')).toMatchObject({ isExact: true });
    expect(score('amina', 'SITI AMINAH')).toMatchObject({ isExact: false });
  });

  it('scores an initial', () => {
    expect(score('m yusuf', 'MUHAMMAD YUSUF').score).toBeGreaterThan(
      score('yusuf', 'MUHAMMAD YUSUF').score,
    );
  });
});
