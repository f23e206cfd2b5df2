import { describe, expect, it } from 'vitest';
import { canOpen } from './screens';

describe('canOpen', () => {
  it('follows the contract order kiosk < operator < supervisor < admin', () => {
    expect(canOpen('operator', { least: 'operator' })).toBe(true);
    expect(canOpen('operator', { least: 'supervisor' })).toBe(false);
    expect(canOpen('supervisor', { least: 'supervisor' })).toBe(true);
    expect(canOpen('admin', { least: 'supervisor' })).toBe(true);
    expect(canOpen('supervisor', { least: 'admin' })).toBe(false);
    expect(canOpen('kiosk', { least: 'operator' })).toBe(false);
  });
});
