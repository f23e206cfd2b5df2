import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary folder of the run (databases, keys, PDFs, station data
 * folders, Chromium profiles) goes into one folder, removed when the run ends. Workers inherit
 * TMPDIR, which os.tmpdir() reads at each call.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'lm-test-run-'));
  process.env['TMPDIR'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
