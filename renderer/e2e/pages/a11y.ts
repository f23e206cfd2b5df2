import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Serious and critical axe-core findings on the current screen, as "rule: target" lines.
 * Evaluated over the DevTools protocol, so the page's strict CSP does not block it.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate('typeof window.axe === "object"');
  if (!hasAxe) await page.evaluate(axeSource);
  return (await page.evaluate(`
    window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' '))))
  `)) as string[];
}

/** Visible controls inside `scope` smaller than the 48 px touch target, described. */
export async function smallTargets(page: Page, scope = 'main'): Promise<string[]> {
  const selector = ['button', 'input', 'select', 'a[href]', 'label[for]']
    .map((s) => `${scope} ${s}`)
    .join(', ');
  return (await page.evaluate(`
    [...document.querySelectorAll(${JSON.stringify(selector)})]
      // A label is a target only when it stands in for a hidden control (the file picker).
      .filter((el) => el.tagName !== 'LABEL' ||
        document.getElementById(el.htmlFor)?.matches('.visually-hidden'))
      .filter((el) => el.getClientRects().length > 0 && !el.matches('.visually-hidden'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 48 || box.width < 48)
      .map(({ el, box }) =>
        el.tagName + ' "' + (el.dataset.testid || el.textContent.trim().slice(0, 30)) + '" ' +
        Math.round(box.width) + 'x' + Math.round(box.height))
  `)) as string[];
}
