/**
 * A real browser for the console's tests: Debian's Chromium (/usr/bin/chromium, which
 * .ci/run installs when missing) driven by playwright-core, which never downloads a
 * browser. Plus axe-core, run inside each page, and a note of anything the page logged
 * as an error (a script or stylesheet the CSP refused would show here).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page as it is (WCAG 2.0 to 2.2, A and AA, and axe's best
 * practices) and returns the violations of serious or critical impact. The script is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so
 * the CSP stays as strict in the test as in production.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      document: unknown;
      axe: {
        run(context: unknown, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
      };
    };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The element that has focus: its text, id and class (this project has no DOM types). */
export function focused(page: Page): Promise<{ text: string | null; id: string; className: string } | null> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: { textContent: string | null; id: string; className: string } | null } }).document
      .activeElement;
    return element ? { text: element.textContent, id: element.id, className: element.className } : null;
  });
}

/**
 * What went wrong in the page, collected from now on: console errors (a CSP refusal is
 * one), uncaught exceptions, and stylesheets, scripts or images that failed to load.
 * Pages answered with an error status on purpose (a 400 form, a 404) are not counted.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // Leaving a page cancels what it was still fetching (bull-board polls): that is no fault.
    if (request.resourceType() !== 'document' && request.failure()?.errorText !== 'net::ERR_ABORTED')
      errors.push(`failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return errors;
}
