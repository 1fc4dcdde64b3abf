import type { Page } from 'playwright-core';

/**
 * What the page shows, read through the DOM. The functions passed to `evaluateAll` run in the
 * browser; they only use `getAttribute` and `textContent`, so they need no DOM typings here.
 */

/** The sequence numbers of the events the page applied, in the order its event log lists them. */
export async function eventLogIds(page: Page): Promise<number[]> {
  return page.locator('#event-log li').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
}

/** One step row of the timeline. */
export interface ShownStep {
  lane: string;
  seq: number;
  endSeq: number | undefined;
  kind: string;
  text: string;
}

/** Every step row of every lane, lane by lane, in the order each lane lists them. */
export async function shownSteps(page: Page): Promise<ShownStep[]> {
  return page.locator('.lane .step').evaluateAll((rows) =>
    rows.map((row) => ({
      lane: row.closest('.lane')?.getAttribute('data-lane') ?? '',
      seq: Number(row.getAttribute('data-seq')),
      endSeq: row.hasAttribute('data-end-seq') ? Number(row.getAttribute('data-end-seq')) : undefined,
      kind: row.getAttribute('data-kind') ?? '',
      text: row.querySelector('.step-text')?.textContent ?? '',
    })),
  );
}

/** Records every state the connection indicator goes through, from now on. */
export async function recordConnection(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const indicator = document.getElementById('connection');
    const text = document.getElementById('connection-text');
    const states = (window.connectionStates = []);
    const record = () => {
      const seen = indicator.dataset.state + ': ' + text.textContent;
      if (states.at(-1) !== seen) states.push(seen);
    };
    record();
    new MutationObserver(record).observe(indicator, { attributes: true, childList: true, subtree: true, characterData: true });
  })()`);
}

/** The states recorded since {@link recordConnection}, as `state: text`. */
export async function connectionStates(page: Page): Promise<string[]> {
  return (await page.evaluate('window.connectionStates')) as string[];
}

/** The task id the page's URL carries (`#task=<id>`). */
export function taskIdOf(page: Page): string {
  const match = /#task=([^&]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`the page's URL carries no task id: ${page.url()}`);
  return decodeURIComponent(match[1]);
}
