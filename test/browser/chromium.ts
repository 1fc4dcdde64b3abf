import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it. `CHROMIUM_PATH` points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go: the repository's git-ignored `test-results/`. */
export const resultsFolder = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Why the browser tests cannot run on this machine, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  return `Chromium is not installed at ${chromiumPath} (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH)`;
}

/**
 * Whether to skip the browser suites: only outside CI, and loudly. In CI (`CI` set) a missing
 * Chromium must fail the run, so the suites run and fail in their setup with the reason.
 */
export function skipWithoutChromium(suite: string): boolean {
  const missing = chromiumMissing();
  if (missing === undefined || process.env.CI) return false;
  console.warn(`${suite}: SKIPPED, ${missing}. With CI set, this fails instead of skipping.`);
  return true;
}

/** Launches Chromium headless, with nothing that reaches the internet; throws why it cannot. */
export async function launchChromium(): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`The browser tests need Chromium: ${missing}.`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Saves a screenshot (by default of the whole page) as `test-results/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(resultsFolder, { recursive: true });
  const file = path.join(resultsFolder, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Collects the page's uncaught errors: a test expects none. */
export function pageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}
