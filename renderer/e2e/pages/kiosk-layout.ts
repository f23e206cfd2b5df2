import type { Page } from 'playwright-core';

/** One box as the page lays it out, in CSS pixels of the viewport. */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The kiosk home's geometry, measured in the page: where the home choices are and whether anything
 * spills out of its card or out of the viewport. Problems come back as readable lines.
 */
export class KioskLayoutPage {
  constructor(readonly page: Page) {}

  /** Every service card, the status-check card among them (it is a service card too). */
  private static readonly CARDS = '[data-testid="kiosk-home"] [data-testid^="service-"]';
  /** The choices a citizen makes on the home screen: the cards and the display toggles. */
  private static readonly CHOICES = `${KioskLayoutPage.CARDS}, [data-testid="text-size"], [data-testid="contrast-toggle"], [data-testid="lang-toggle"]`;

  async cardCount(): Promise<number> {
    return this.page.locator(KioskLayoutPage.CARDS).count();
  }

  /** Home choices not wholly inside the viewport as the page stands (nothing scrolled). */
  async choicesOutsideViewport(): Promise<string[]> {
    return (await this.page.evaluate(`
      [...document.querySelectorAll(${JSON.stringify(KioskLayoutPage.CHOICES)})]
        .map((el) => ({ id: el.dataset.testid, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.top < 0 || box.left < 0 ||
          box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5)
        .map(({ id, box }) => id + ' at ' + [box.left, box.top, box.right, box.bottom]
          .map(Math.round).join(',') + ' outside ' + innerWidth + 'x' + innerHeight)
    `)) as string[];
  }

  /** How far the document scrolls in each direction (0 when everything fits). */
  async documentOverflow(): Promise<{ x: number; y: number }> {
    return (await this.page.evaluate(`({
      x: document.scrollingElement.scrollWidth - innerWidth,
      y: document.scrollingElement.scrollHeight - innerHeight,
    })`)) as { x: number; y: number };
  }

  /**
   * Text that leaves its card: every text node's line boxes (range rects, so text running past
   * its own element is caught too) must lie inside the card's box; and no element in a card may
   * be wider inside than it shows (scrollWidth over clientWidth). With `scroll`, each card is
   * first scrolled into view and must then lie inside the viewport.
   */
  async cardOverflow(scroll = false): Promise<string[]> {
    return (await this.page.evaluate(`(() => {
      const problems = [];
      const inside = (box, outer) => box.left >= outer.left - 0.5 && box.right <= outer.right + 0.5 &&
        box.top >= outer.top - 0.5 && box.bottom <= outer.bottom + 0.5;
      for (const card of document.querySelectorAll(${JSON.stringify(KioskLayoutPage.CARDS)})) {
        const id = card.dataset.testid;
        if (${scroll}) card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const box = card.getBoundingClientRect();
        if (${scroll} && !inside(box, { left: 0, top: 0, right: innerWidth, bottom: innerHeight }))
          problems.push(id + ' not wholly visible when scrolled to');
        const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const line of range.getClientRects()) {
            if (line.width === 0 || inside(line, box)) continue;
            problems.push(id + ': "' + node.textContent.trim().slice(0, 40) + '" leaves the card');
            break;
          }
        }
        for (const el of [card, ...card.querySelectorAll('*')]) {
          if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            problems.push(id + ': <' + el.tagName.toLowerCase() + ' class="' + el.getAttribute('class') +
              '"> is ' + el.scrollWidth + ' wide inside ' + el.clientWidth);
        }
      }
      return problems;
    })()`)) as string[];
  }

  /**
   * The training banner's problems: a strip between it and the kiosk (the device toggle pushing
   * the page down), or the device toggle covering the banner's words.
   */
  async trainingBarProblems(): Promise<string[]> {
    return (await this.page.evaluate(`(() => {
      const banner = document.querySelector('[data-testid="training-banner"]');
      const toggle = document.querySelector('[data-testid="training-panel-toggle"]').getBoundingClientRect();
      const kiosk = document.querySelector('.shell-kiosk').getBoundingClientRect();
      const problems = [];
      const gap = kiosk.top - banner.getBoundingClientRect().bottom;
      if (gap !== 0) problems.push('the kiosk starts ' + gap + ' px below the training banner');
      const range = document.createRange();
      range.selectNodeContents(banner);
      const covered = [...range.getClientRects()].some((line) => line.right > toggle.left &&
        line.left < toggle.right && line.bottom > toggle.top && line.top < toggle.bottom);
      if (covered) problems.push('the training device toggle covers the banner text');
      return problems;
    })()`)) as string[];
  }

  /** The box that holds every card, and the viewport's height. */
  async cardsUnion(): Promise<Box & { viewportHeight: number }> {
    return (await this.page.evaluate(`(() => {
      const boxes = [...document.querySelectorAll(${JSON.stringify(KioskLayoutPage.CARDS)})]
        .map((el) => el.getBoundingClientRect());
      return {
        top: Math.min(...boxes.map((b) => b.top)),
        bottom: Math.max(...boxes.map((b) => b.bottom)),
        left: Math.min(...boxes.map((b) => b.left)),
        right: Math.max(...boxes.map((b) => b.right)),
        viewportHeight: innerHeight,
      };
    })()`)) as Box & { viewportHeight: number };
  }

  /** The font size, in px, of the first card's title (what the citizen reads first). */
  async cardTitleSize(): Promise<number> {
    return (await this.page.evaluate(`(() => {
      const card = document.querySelector(${JSON.stringify(KioskLayoutPage.CARDS)});
      return parseFloat(getComputedStyle(card.querySelector('.title')).fontSize);
    })()`)) as number;
  }
}
