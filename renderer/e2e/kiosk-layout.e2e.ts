import { describe, expect, it } from 'vitest';
import { useStation } from './harness';
import { KioskPage } from './pages/kiosk';
import { KioskLayoutPage } from './pages/kiosk-layout';

/**
 * Issue 14 item 4: the kiosk home fits the screens kiosks really have (a 1366x768 panel, a Full HD
 * screen, a Full HD screen turned upright). Every home choice shows without scrolling, no text
 * leaves its card, and the cards use the screen instead of leaving it empty. Touch is on, as at a
 * kiosk; the demo station is a training station, so its banner and device toggle are on screen too.
 */
const e2e = useStation();

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
] as const;

/**
 * The banner and the kiosk's header take about a tenth of a tall screen and the welcome line a
 * little more, so cards that grow into the rest cover three quarters or more. Sixty per cent still
 * leaves room for a notice above the cards, yet fails the old home (a third of the upright screen).
 */
const MIN_CARDS_SHARE = 0.6;

async function openHome(viewport: { width: number; height: number }) {
  const opened = await e2e.open({ viewport, hasTouch: true });
  await new KioskPage(opened.page).waitForHome();
  await opened.page.locator('[data-testid^="service-"]').first().waitFor();
  return { ...opened, layout: new KioskLayoutPage(opened.page) };
}

describe('kiosk home layout', () => {
  it.each(SIZES)(
    'at $width x $height every choice is on screen and no text leaves its card',
    async (viewport) => {
      const { page, errors, layout } = await openHome(viewport);
      expect(await layout.cardCount()).toBe(9);

      expect(await layout.choicesOutsideViewport()).toEqual([]);
      expect(await layout.documentOverflow()).toEqual({ x: 0, y: 0 });
      expect(await layout.cardOverflow()).toEqual([]);
      const union = await layout.cardsUnion();
      expect((union.bottom - union.top) / union.viewportHeight).toBeGreaterThanOrEqual(
        MIN_CARDS_SHARE,
      );
      expect(await layout.trainingBarProblems()).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it('grows the type with the screen: larger titles on Full HD, upright or not', async () => {
    const sizes: number[] = [];
    for (const viewport of SIZES) {
      const { page, layout } = await openHome(viewport);
      sizes.push(await layout.cardTitleSize());
      await page.context().close();
    }
    const [small = 0, wide = 0, tall = 0] = sizes;
    expect(wide).toBeGreaterThanOrEqual(small * 1.25);
    expect(tall).toBeGreaterThanOrEqual(small * 1.25);
  });

  it('at the largest text size on 1366 x 768 every card is reachable and nothing overflows', async () => {
    const { page, errors, layout } = await openHome(SIZES[0]);
    await page.getByTestId('text-size').tap();
    await page.getByTestId('text-size').tap();
    await page.locator('[data-testid="text-size"][data-size="xlarge"]').waitFor();

    // Nine cards in 36 px type do not fit 768 px: the cards scroll, never sideways.
    expect(await layout.cardOverflow(true)).toEqual([]);
    expect((await layout.documentOverflow()).x).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
