import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the import-boundary rules of eslint.config.js fire: a rule that never fails is no rule.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

describe('import boundaries', () => {
  it('lets only electron/main and electron/preload import electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await ruleIds('electron/core/x.ts', code)).toContain(RESTRICTED);
    expect(await ruleIds('electron/server/x.ts', code)).toContain(RESTRICTED);
    expect(await ruleIds('db/x.ts', code)).toContain(RESTRICTED);
    expect(await ruleIds('electron/main/x.ts', code)).not.toContain(RESTRICTED);
    expect(await ruleIds('electron/preload/x.ts', code)).not.toContain(RESTRICTED);
  });

  it('lets the renderer import only types from the contract', async () => {
    const typeOnly =
      "import type { Role } from '../../electron/contract';\nexport type R = Role;\n";
    const value = "import { ROLES } from '../../electron/contract';\nexport const r = ROLES;\n";
    const core =
      "import { openStation } from '../../electron/core/compose';\nexport const o = openStation;\n";
    const node = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
    expect(await ruleIds('renderer/src/x.ts', typeOnly)).not.toContain(RESTRICTED);
    expect(await ruleIds('renderer/src/x.ts', value)).toContain(RESTRICTED);
    expect(await ruleIds('renderer/src/x.ts', core)).toContain(RESTRICTED);
    expect(await ruleIds('renderer/src/x.ts', node)).toContain(RESTRICTED);
  });

  it('keeps the contract, db and devices free of inward imports', async () => {
    const intoCore =
      "import { openStation } from '../core/compose';\nexport const o = openStation;\n";
    expect(await ruleIds('electron/contract/x.ts', intoCore)).toContain(RESTRICTED);
    expect(await ruleIds('electron/devices/x.ts', intoCore)).toContain(RESTRICTED);
    const dbIntoCore =
      "import { openStation } from '../electron/core/compose';\nexport const o = openStation;\n";
    expect(await ruleIds('db/x.ts', dbIntoCore)).toContain(RESTRICTED);
    const coreIntoHost =
      "import { startHost } from '../server/ws-host';\nexport const s = startHost;\n";
    expect(await ruleIds('electron/core/x.ts', coreIntoHost)).toContain(RESTRICTED);
    const fake =
      "import { FakeReader } from '../devices/card-reader.fake';\nexport const f = FakeReader;\n";
    expect(await ruleIds('electron/core/x.ts', fake)).toContain(RESTRICTED);
  });
});
