import { existsSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the import-boundary rules of eslint.config.js fire: a rule that never fails is no rule.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = '@typescript-eslint/no-restricted-imports';
/** The test-support ban has a rule of its own, so no boundary block can replace it. */
const TEST_SUPPORT = 'no-restricted-imports';

/** A module that imports `name` from `from` and uses it: a value, or a type. */
function importing(name: string, from: string, kind: 'value' | 'type' = 'value'): string {
  return kind === 'type'
    ? `import type { ${name} } from '${from}';\nexport type T = ${name};\n`
    : `import { ${name} } from '${from}';\nexport const v = ${name};\n`;
}

/** A path of this repository that must exist: the rules are proven on the real files. */
function real(path: string): string {
  if (!existsSync(new URL(`../${path}`, import.meta.url))) throw new Error(`${path} is gone`);
  return path;
}

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
  });

  it('keeps the device drivers out of the core, not the device interfaces', async () => {
    const layer = real('electron/core/devices/layer.ts');
    real('electron/devices/hid.node.ts');
    expect(await ruleIds(layer, importing('NodeHidBackend', '../../devices/hid.node'))).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(layer, importing('FakeHidBackend', '../../devices/hid.fake'))).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(layer, importing('HID', 'node-hid'))).toContain(RESTRICTED);
    const iface = importing('HidBackend', '../../devices/hid-backend', 'type');
    expect(await ruleIds(layer, iface)).not.toContain(RESTRICTED);
    const service = importing('DeviceService', '../../devices/service');
    expect(await ruleIds(layer, service)).not.toContain(RESTRICTED);
    // A composition root chooses the driver.
    const root = importing('NodeHidBackend', '../devices/hid.node');
    expect(await ruleIds(real('electron/server/main.ts'), root)).not.toContain(RESTRICTED);
  });

  it('keeps test support out of production code', async () => {
    const kiosk = real('electron/core/kiosk/app.ts');
    const station = importing('createTestStation', '../../testing/station');
    expect(await ruleIds(kiosk, station)).toContain(TEST_SUPPORT);
    const stationType = importing('TestStation', '../../testing/station', 'type');
    expect(await ruleIds(kiosk, stationType)).toContain(TEST_SUPPORT);
    const kioskTest = real('electron/core/kiosk/catalogue.test.ts');
    expect(await ruleIds(kioskTest, station)).not.toContain(TEST_SUPPORT);
    const portrait = importing('defaultFace', '../../testing/portrait');
    const checks = real('renderer/src/lib/portrait/checks.ts');
    expect(await ruleIds(checks, portrait)).toContain(TEST_SUPPORT);
    const checksTest = real('renderer/src/lib/portrait/checks.test.ts');
    expect(await ruleIds(checksTest, portrait)).not.toContain(TEST_SUPPORT);
    // Tools that drive a whole station may use it: fixtures, torture, benchmarks.
    const desk = importing('desk', '../electron/testing/desk');
    const fixture = real('scripts/make-upgrade-fixture.ts');
    expect(await ruleIds(fixture, desk)).not.toContain(TEST_SUPPORT);
    expect(await ruleIds(real('torture/crash.ts'), desk)).not.toContain(TEST_SUPPORT);
  });

  it('lets db tests, and only them, use electron/testing', async () => {
    const helper = importing('createTestDb', '../../electron/testing/db');
    const core = importing('openStation', '../../electron/core/compose');
    const test = real('db/queries/desk.test.ts');
    expect(await ruleIds(test, helper)).not.toContain(RESTRICTED);
    expect(await ruleIds(test, helper)).not.toContain(TEST_SUPPORT);
    expect(await ruleIds(test, core)).toContain(RESTRICTED);
    const query = real('db/queries/desk.ts');
    expect(await ruleIds(query, helper)).toContain(RESTRICTED);
    expect(await ruleIds(query, helper)).toContain(TEST_SUPPORT);
  });

  it('keeps the hub on protocol, db and contract, and the protocol on itself', async () => {
    const coreFromHub =
      "import { openStation } from '../core/compose';\nexport const o = openStation;\n";
    const protocolFromHub =
      "import { readPacket } from '../protocol/packet/reader';\nexport const r = readPacket;\n";
    const dbFromHub =
      "import { packetById } from '../../db/queries/hub-packets';\nexport const p = packetById;\n";
    const hub = real('electron/hub/ingest.ts');
    expect(await ruleIds(hub, coreFromHub)).toContain(RESTRICTED);
    expect(await ruleIds(real('electron/hub/hub.ts'), coreFromHub)).toContain(RESTRICTED);
    expect(await ruleIds(hub, protocolFromHub)).not.toContain(RESTRICTED);
    expect(await ruleIds(hub, dbFromHub)).not.toContain(RESTRICTED);
    // Hub tests drive a real station, so they may reach the core.
    expect(await ruleIds(real('electron/hub/sync.test.ts'), coreFromHub)).not.toContain(RESTRICTED);

    const coreFromProtocol =
      "import type { Ports } from '../core/ports';\nexport type P = Ports;\n";
    const dbFromProtocol =
      "import type { OutboxRow } from '../../db/schema';\nexport type R = OutboxRow;\n";
    const contractFromProtocol =
      "import type { StockItem } from '../contract';\nexport type S = StockItem;\n";
    const protocol = real('electron/protocol/outbox.ts');
    expect(await ruleIds(protocol, coreFromProtocol)).toContain(RESTRICTED);
    const hubFromProtocol = "import { Hub } from '../../hub/hub';\nexport const h = Hub;\n";
    expect(await ruleIds(real('electron/protocol/packet/reader.ts'), hubFromProtocol)).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(protocol, dbFromProtocol)).toContain(RESTRICTED);
    expect(await ruleIds(protocol, contractFromProtocol)).not.toContain(RESTRICTED);
    expect(
      await ruleIds(
        real('electron/protocol/packet/reader.ts'),
        "import { UUID } from './format';\nexport const u = UUID;\n",
      ),
    ).not.toContain(RESTRICTED);
  });

  it('keeps renderer features apart: they share through lib/, the shell composes them', async () => {
    const desk = real('renderer/src/features/desk/inbox-args.ts');
    const labels = "import { DOC } from '../registry/labels';\nexport const l = DOC;\n";
    const viaFeatures =
      "import { DOC } from '../../features/registry/labels';\nexport const l = DOC;\n";
    const labelsType =
      "import type { DOC } from '../registry/labels';\nexport type L = typeof DOC;\n";
    const shared =
      "import { formatDocDate } from '../../lib/registry/format';\nexport const f = formatDocDate;\n";
    const own = "import { fitScale } from './viewer';\nexport const v = fitScale;\n";
    expect(await ruleIds(desk, labels)).toContain(RESTRICTED);
    expect(await ruleIds(desk, viaFeatures)).toContain(RESTRICTED);
    expect(await ruleIds(desk, labelsType)).toContain(RESTRICTED);
    expect(await ruleIds(desk, shared)).not.toContain(RESTRICTED);
    expect(await ruleIds(desk, own)).not.toContain(RESTRICTED);
    // desk-intake is not desk: a name that starts like another feature's is still another feature.
    const intake =
      "import { matchesQuery } from '../desk-intake/service-search';\nexport const m = matchesQuery;\n";
    expect(await ruleIds(desk, intake)).toContain(RESTRICTED);
    // Tests of a feature are held to it too; the contract rule still applies in a feature.
    const deskTest = real('renderer/src/features/desk/desk-pure.test.ts');
    expect(await ruleIds(deskTest, labels)).toContain(RESTRICTED);
    const roles =
      "import { ROLES } from '../../../../electron/contract';\nexport const r = ROLES;\n";
    expect(await ruleIds(desk, roles)).toContain(RESTRICTED);

    const shell =
      "import { screensFor } from '../../shell/screens';\nexport const s = screensFor;\n";
    expect(await ruleIds(desk, shell)).toContain(RESTRICTED);
    const intoFeature =
      "import { inboxArgs } from '../../features/desk/inbox-args';\nexport const i = inboxArgs;\n";
    expect(await ruleIds(real('renderer/src/lib/registry/search-args.ts'), intoFeature)).toContain(
      RESTRICTED,
    );
    const screens =
      "import { screens } from '../features/desk/screens';\nexport const s = screens;\n";
    expect(await ruleIds(real('renderer/src/shell/screens.ts'), screens)).not.toContain(RESTRICTED);
  });

  it('keeps the back-office its own page, and its areas apart', async () => {
    const use = (name: string, from: string) => importing(name, from);
    // The station (shell, features, lib, entry) never reaches into renderer/src/office.
    const intoOffice = use('call', '../office/lib/api');
    expect(await ruleIds(real('renderer/src/shell/screens.ts'), intoOffice)).toContain(RESTRICTED);
    const fromEntry = use('call', './office/lib/api');
    expect(await ruleIds(real('renderer/src/main.ts'), fromEntry)).toContain(RESTRICTED);
    const fromFeature = use('call', '../../office/lib/api');
    expect(await ruleIds(real('renderer/src/features/desk/inbox-args.ts'), fromFeature)).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(real('renderer/src/lib/screens.ts'), intoOffice)).toContain(RESTRICTED);

    // An area imports no other area (either way of writing it), nor the office shell.
    const accounts = real('renderer/src/office/features/accounts/rules.ts');
    expect(await ruleIds(accounts, use('screens', '../queue/screens'))).toContain(RESTRICTED);
    expect(await ruleIds(accounts, use('screens', '../../features/queue/screens'))).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(accounts, use('screensFor', '../../shell/screens'))).toContain(RESTRICTED);
    // Nor the station's features or shell; the station's lib/ and the office's lib/ are shared.
    expect(await ruleIds(accounts, use('fitScale', '../../../features/desk/viewer'))).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(accounts, use('screensFor', '../../../shell/screens'))).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(accounts, use('formatDate', '../../../lib/i18n/format'))).not.toContain(
      RESTRICTED,
    );
    expect(await ruleIds(accounts, use('call', '../../lib/api'))).not.toContain(RESTRICTED);
    expect(await ruleIds(accounts, use('accountState', './rules'))).not.toContain(RESTRICTED);
    // The contract stays types-only here too.
    const roles = use('OFFICE_ROLES', '../../../../../electron/contract/office');
    expect(await ruleIds(accounts, roles)).toContain(RESTRICTED);

    // The office shell composes the areas, never the station's screens.
    const shell = real('renderer/src/office/shell/screens.ts');
    expect(await ruleIds(shell, use('screens', '../features/queue/screens'))).not.toContain(
      RESTRICTED,
    );
    expect(await ruleIds(shell, use('screens', '../../features/desk/screens'))).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(shell, use('screensFor', '../../shell/screens'))).toContain(RESTRICTED);
    const entry = real('renderer/src/office/main.ts');
    expect(await ruleIds(entry, use('screensFor', '../shell/screens'))).toContain(RESTRICTED);
    expect(await ruleIds(entry, use('screensFor', './shell/screens'))).not.toContain(RESTRICTED);
    // The office's lib is below its areas and shell.
    const lib = real('renderer/src/office/lib/reasons.ts');
    expect(await ruleIds(lib, use('screens', '../features/accounts/screens'))).toContain(
      RESTRICTED,
    );
    expect(await ruleIds(lib, use('screensFor', '../shell/screens'))).toContain(RESTRICTED);
  });
});
