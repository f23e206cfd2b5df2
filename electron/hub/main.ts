/**
 * `npm run hub -- <command>`: the district hub's entry (electron/hub/cli.ts has the commands).
 * Plain Node; bundled by scripts/build-hub.mjs to dist/electron/hub.mjs.
 */
import { runCli } from './cli';

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
