import { describe, expect, it } from 'vitest';
import { useStation } from './harness';
import { accessibilityProblems, smallTargets } from './pages/a11y';
import { setupFirstAdmin } from './pages/accounts';
import { DevicesPage } from './pages/devices';
import { KioskPage } from './pages/kiosk';
import { KioskApplyPage } from './pages/kiosk-apply';
import { OfficerPage } from './pages/officer';
import { RegistryPage } from './pages/registry';

/**
 * Issue 6, device layer: on a training station the on-screen panel plugs the fake card reader,
 * the officer header shows it connected, and a tap travels the real path (key reports, the
 * wedge parser, `device-read`) into the registry's card bind and the kiosk's card tap. Then an
 * administrator sees the fake devices in the settings screen with their live state.
 */
const SAMPLE_UID = '04D2E3F4A5B680';

const e2e = useStation();

describe('devices on a training station', () => {
  it('plugs the fake reader from the panel; a tap binds the card and identifies at the kiosk', async () => {
    const { page, errors } = await e2e.open();
    const kiosk = new KioskPage(page);
    const devices = new DevicesPage(page);
    await kiosk.waitForHome();
    // The panel is there in kiosk mode, collapsed, below the banner, not over the kiosk.
    expect(await devices.panel().getByTestId('training-card-reader').count()).toBe(0);
    await devices.setPlugged('card-reader', true);
    // This machine's screen is desk meja-1: its panel shows meja-1's reader and scanner only,
    // not the training readers of meja-2 and meja-3.
    expect(await devices.panelDesk()).toBe('meja-1');
    expect(await devices.panel().locator('[data-testid^="training-"][data-state]').count()).toBe(2);
    expect(await smallTargets(page, '[data-testid="training-panel"]')).toEqual([]);
    await devices.closePanel();

    await kiosk.enterOfficerMode();
    expect(await devices.pill('card-reader', 'training')).toBe(
      'Pembaca kartu: Terhubung (pelatihan)',
    );
    expect(await devices.pill('scanner', 'disconnected')).toBe('Pemindai: Tidak terpasang');

    const registry = new RegistryPage(page);
    await registry.openSeededResident();
    await page.getByTestId('card-start').click();
    await devices.tap();
    const bound = page.getByTestId('card-bound');
    await bound.waitFor();
    expect(await bound.innerText()).toContain(SAMPLE_UID);

    await new OfficerPage(page).backToKiosk();
    const apply = new KioskApplyPage(page);
    await apply.openService('ktp-el', 'ktp-el-hilang');
    await apply.start();
    await devices.tap();
    await apply.expectField('pemohon-telepon');
    expect(await page.getByTestId('wizard-greeting').getAttribute('data-known')).toBe('true');
    await apply.cancel();

    // Pulled out: the panel says so, and a tap on nothing is refused with the reason.
    await devices.setPlugged('card-reader', false);
    await devices.tap();
    expect(await devices.panelError()).toContain('Colokkan dulu');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an administrator the devices plugged in, their state and the last value read', async () => {
    const { page, errors } = await e2e.open();
    const devices = new DevicesPage(page);
    await page.getByTestId('kiosk-home').waitFor();
    await setupFirstAdmin(page, {
      username: 'rina.admin',
      name: 'Rina Marlina',
      pin: 'kijang-2026',
    });
    await devices.openSettings();
    expect(await devices.listedIds()).toEqual([]);
    expect(await page.getByTestId('device-list-empty').innerText()).toContain('Tidak ada');

    await devices.setPlugged('scanner', true);
    await devices.setPlugged('card-reader', true);
    expect(await devices.listedIds()).toEqual(['1209:0002', '1209:0001']);
    await page.locator('[data-testid="device-live-scanner"][data-state="training"]').waitFor();
    expect(await devices.lastRead('scanner').innerText()).toContain('Pindai sebuah kode');
    await devices.scan('A-0042?x=1');
    await devices.lastRead('scanner').filter({ hasText: 'A-0042?x=1' }).waitFor();
    await devices.tap('04:a1:b2:c3');
    await devices.lastRead('card-reader').filter({ hasText: '04A1B2C3' }).waitFor();
    await devices.closePanel();
    // The training readers of meja-2 and meja-3 are further devices, each with its desk.
    expect(await page.getByTestId('device-other-0-desk').inputValue()).toBe('meja-2');
    expect(await page.getByTestId('device-other-1-desk').inputValue()).toBe('meja-3');
    await page.locator('[data-testid="device-live-other-1"][data-state="disconnected"]').waitFor();
    expect(await page.getByTestId('device-live-other-1').innerText()).toContain('meja-3');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);

    // A further device of the model the first reader already is, without serial numbers: the
    // core cannot tell them apart and refuses, naming the field; removed again, nothing stored.
    await page.getByTestId('device-other-add').click();
    await page.getByTestId('device-other-2-vendor').fill('1209');
    await page.getByTestId('device-other-2-product').fill('0001');
    await page.getByTestId('device-other-2-label').fill('Pembaca meja 4');
    expect(await page.getByTestId('device-other-2-desk').inputValue()).toBe('meja-4');
    expect(await devices.save()).toContain('periksa isian');
    await page.locator('[data-testid="device-other-2-product"][aria-invalid="true"]').waitFor();
    await page.getByTestId('device-other-2-remove').click();
    expect(await page.getByTestId('device-form-other-2').count()).toBe(0);

    // A vendor id that is no number is refused on the spot, and nothing is stored.
    await page.getByTestId('device-scanner-vendor').fill('XYZ');
    expect(await devices.save()).toContain('periksa isian');
    await page.getByTestId('nav-audit').click();
    await devices.openSettings();
    expect(await page.getByTestId('device-scanner-vendor').inputValue()).toBe('1209');

    // A layout the core refuses names its field.
    await page.getByTestId('device-scanner-format').selectOption('raw');
    await page.getByTestId('device-scanner-encoding').selectOption('uid-hex');
    expect(await devices.save()).toContain('periksa isian');
    await page.locator('[data-testid="device-scanner-encoding"][aria-invalid="true"]').waitFor();

    await page.getByTestId('device-scanner-format').selectOption('wedge');
    await page.getByTestId('device-scanner-label').fill('Pemindai loket 2');
    expect(await devices.save()).toContain('disimpan');
    await page
      .locator('[data-testid="device-live-scanner"][data-state="training"]')
      .filter({ hasText: 'Pemindai loket 2' })
      .waitFor();

    const officer = new OfficerPage(page);
    await officer.openAudit();
    expect(
      (await officer.auditRows()).filter((r) => r.includes('devices.settings-changed')),
    ).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
