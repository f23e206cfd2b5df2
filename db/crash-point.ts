import { readSync, writeSync } from 'node:fs';

/**
 * Announced crash points for the crash harness (torture/crash.ts); off unless the process runs
 * with LM_TORTURE_POINTS=1. Then, just before a write (a transaction's commit, a packet file, a
 * request to the hub), the process prints `POINT <name>` on stdout and blocks until one byte
 * arrives on stdin: the harness either answers (go on) or SIGKILLs the process right there. The
 * wait is synchronous on purpose: nothing else of the process runs while it is stopped.
 */
export const crashPoint: ((name: string) => void) | undefined =
  process.env['LM_TORTURE_POINTS'] === '1' ? announce : undefined;

function announce(name: string): void {
  writeSync(1, `POINT ${name}\n`);
  const byte = Buffer.alloc(1);
  for (;;) {
    try {
      // 0 bytes: the harness is gone; carry on as if it had answered.
      readSync(0, byte, 0, 1, null);
      return;
    } catch (error) {
      // A non-blocking stdin has nothing yet: wait a moment and read again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
