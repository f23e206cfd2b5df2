import { describe, expect, it } from 'vitest';
import { overrideProblem } from './capture';

describe('overrideProblem', () => {
  it('asks for 10 to 300 characters once trimmed', () => {
    expect(overrideProblem('')).toBe('short');
    expect(overrideProblem('   pendek   ')).toBe('short');
    expect(overrideProblem('0123456789')).toBeNull();
    expect(overrideProblem(`  ${'a'.repeat(300)}  `)).toBeNull();
    expect(overrideProblem('a'.repeat(301))).toBe('long');
  });
});
