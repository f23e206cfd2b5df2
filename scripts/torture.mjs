// `npm run torture -- crash [--kills N] [--seed S]` and `npm run torture -- fuzz [...]`: the
// harnesses of torture/ (issue 13 §2). Node 20 cannot run TypeScript, so torture/<command>.ts is
// bundled with esbuild to dist/torture/<command>.mjs (npm packages left external) and its
// `main(argv): Promise<number>` decides the exit code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from './bundle-node.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const COMMANDS = ['crash', 'fuzz', 'hub-fuzz'];

const [command, ...args] = process.argv.slice(2);
if (!command || !COMMANDS.includes(command)) {
  console.error(`Usage: npm run torture -- <${COMMANDS.join('|')}> [options]`);
  process.exit(2);
}
const entry = join(root, 'torture', `${command}.ts`);
if (!existsSync(entry)) {
  console.error(`torture/${command}.ts does not exist (yet)`);
  process.exit(2);
}
const outfile = join(root, 'dist', 'torture', `${command}.mjs`);
await bundleForNode(entry, outfile, { sourcemap: true });
process.chdir(root);
const { main } = await import(pathToFileURL(outfile).href);
const code = await main(args);
process.exit(code);
