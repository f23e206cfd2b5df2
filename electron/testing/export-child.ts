/**
 * A station process for the kill test (sync-kill.test.ts): opens an existing station folder and
 * runs one sync pass against the hub address given (at the hub's time), printing what it did. Bundled by the test
 * with esbuild and run with plain Node. Before each write the pass announces a point
 * (`point <name>` on stdout) and waits for a line on stdin: the test either answers (go on) or
 * kills the process right there, so where it dies never depends on the machine's speed.
 */
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openStation } from '../core/compose';
import { fixedClock } from '../core/system-ports';
import { headlessPorts } from './station';
import { syncTarget } from '../core/sync/enrolment';
import { syncRun } from '../core/sync/run';
import { stationKeys } from '../core/sync/station-keys';
import { DEFAULT_UPLOAD } from '../core/sync/upload';

const [dataDir, hubUrl, resourcesDir, now] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
// The hub's clock: signed requests are good for minutes only, and the test's hub runs on a fixed
// date, so a child on the wall clock would be refused as soon as the real date moves on.
const clock = fixedClock(now);
const ports = headlessPorts(
  dataDir,
  resourcesDir ?? fileURLToPath(new URL('../../resources', import.meta.url)),
  clock,
);
const station = await openStation(ports, {
  host: 'station-server',
  encrypt: true,
  demo: true,
  versions: { app: 'kill-test' },
});
const answers = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const onPoint = async (name: string): Promise<void> => {
  process.stdout.write(`point ${name}\n`);
  const answer = await answers.next();
  if (answer.done) throw new Error('the test closed stdin');
};
const target = await syncTarget(station.deps);
if (!target) throw new Error('not enrolled');
process.stdout.write('ready\n');
const summary = await syncRun(
  station.deps,
  stationKeys(ports.keyStore),
  { ...target, hubUrl },
  {
    limits: { records: 20, attachmentBytes: 20_000, linesPerPart: 10 },
    upload: {
      ...DEFAULT_UPLOAD,
      pieceBytes: 1024,
      onProgress: (id, sent) => process.stdout.write(`sent ${id} ${sent}\n`),
    },
    isForced: true,
    onPoint,
  },
);
process.stdout.write(`done ${JSON.stringify(summary)}\n`);
await station.close();
process.exit(0);
