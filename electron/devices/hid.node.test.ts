import { describe, expect, it } from 'vitest';
import { NodeHidBackend } from './hid.node';

// The real node-hid build of this machine (hidraw on Linux). CI has no HID devices to open, so
// this proves the lazy load and the mapping run, not a read (docs/devices.md, "Verified").
describe('NodeHidBackend', () => {
  it('loads node-hid on first use and lists entries with a path each', async () => {
    const backend = new NodeHidBackend();
    const entries = await backend.list();
    expect(Array.isArray(entries)).toBe(true);
    for (const entry of entries) {
      expect(typeof entry.path).toBe('string');
      expect(entry.vendorId).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses to open a path that is no HID device', async () => {
    await expect(new NodeHidBackend().open('/dev/hidraw-none')).rejects.toThrow();
  });
});
