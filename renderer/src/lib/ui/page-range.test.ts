import { describe, expect, it } from 'vitest';
import { pageRange } from './page-range';

describe('page range', () => {
  it('says which rows a page shows', () => {
    expect(pageRange(20, 20)).toEqual({ from: 21, to: 40 });
    expect(pageRange(0, 0)).toBeNull();
  });
});
