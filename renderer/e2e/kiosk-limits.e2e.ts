import { describe, expect, it } from 'vitest';
import { useStation } from './harness';
import { KioskPage } from './pages/kiosk';
import { KioskApplyPage } from './pages/kiosk-apply';

/**
 * Issue 13 finding 1.9 at the kiosk screen: wrong status-check codes count as unknown answers, and
 * once the station makes this kiosk wait, the screen says so in Indonesian with the seconds.
 */
const e2e = useStation();

describe('kiosk limits', () => {
  it('finding 1.9: after wrong check codes the status screen says how many seconds to wait', async () => {
    const { page, errors } = await e2e.open();
    await new KioskPage(page).openService('cek-status');
    const keys = new KioskApplyPage(page);
    await page.getByTestId('status-receipt').click();
    await keys.keys('KJU2026112900001');
    await page.getByTestId('status-code').click();
    await keys.keys('ABCDEFGH');
    const submit = page.getByTestId('status-submit');
    const texts: string[] = [];
    // The first wrong codes are answered as wrong; then the wait doubles with every one the
    // station answers, so the refusal comes within a few tries however slow this machine is.
    for (let i = 0; i < 12 && !/Silakan tunggu/.test(texts.at(-1) ?? ''); i += 1) {
      await submit.click();
      // The button is disabled while the call is out; enabled again, its answer is on screen.
      await page.locator('[data-testid="status-submit"]:not([disabled])').waitFor();
      texts.push(await page.getByTestId('status-error').innerText());
    }
    expect(texts[0]).toBe(
      'Nomor permohonan dan kode cek tidak cocok. Periksa lagi tanda terima Anda.',
    );
    expect(texts.at(-1)).toMatch(
      /^Terlalu banyak percobaan dari layar ini\. Silakan tunggu \d+ detik, lalu coba lagi\.$/,
    );
    expect(errors).toEqual([]);
  });
});
