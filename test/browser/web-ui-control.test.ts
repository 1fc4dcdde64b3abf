import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createGateway } from '@a2a-mesh/gateway';
import { NodeGate } from '@a2a-mesh/langgraph';
import { launchChromium, pageErrors, screenshot, skipWithoutChromium } from './chromium.ts';
import { startMesh } from './mesh.ts';
import type { Mesh } from './mesh.ts';
import { eventLogIds, shownSteps, taskIdOf } from './page-probes.ts';
import { readEventLog } from './read-event-log.ts';
import { expectStepsMatchLog } from './steps-match-log.ts';

let browser: Browser;
let mesh: Mesh;
let context: BrowserContext;
let errors: Error[] = [];

describe.skipIf(skipWithoutChromium('web UI, task control'))('web UI, task control (Chromium)', () => {
  beforeAll(async () => {
    // Both at once; whichever started is stopped in afterAll even when the other failed.
    const [launched, started] = await Promise.allSettled([launchChromium(), startMesh()]);
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'fulfilled') mesh = started.value;
    for (const result of [launched, started]) if (result.status === 'rejected') throw result.reason;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await mesh?.close();
  });
  afterEach(async () => {
    mesh?.hooks.calculator.set(undefined);
    await context?.close();
    expect(errors).toEqual([]);
  });

  async function ask(text: string): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    errors = pageErrors(page);
    await page.goto(mesh.gatewayUrl);
    await page.locator('#prompt').fill(text);
    await page.locator('#prompt').press('Enter');
    await page.locator('#task:not([hidden])').waitFor();
    return page;
  }

  it('cancels a running task with the cancel button: the task and its lanes end canceled', async () => {
    const gate = new NodeGate('evaluate');
    mesh.hooks.calculator.set(gate.beforeNode);
    const page = await ask('what is 15% of 80');
    await gate.reached;
    const cancel = page.locator('#cancel');
    await page.locator('.lane[data-lane="s1"] .step--node[data-node="parse"][data-phase="done"]').waitFor();
    expect(await page.locator('#task-badge .badge').getAttribute('data-state')).toBe('working');
    expect(await cancel.isVisible()).toBe(true);

    await cancel.click();
    await page.locator('#task-badge .badge[data-state="canceled"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('#task-badge').textContent()).toContain('Task canceled');
    expect(await cancel.isHidden()).toBe(true);
    expect(await page.locator('.lane[data-lane="s1"] .lane-badge .badge').getAttribute('data-state')).toBe('canceled');
    await expect.poll(() => gate.sawAbort).toBe(true);
    expect(gate.started).not.toContain('evaluate-after');
    expect(await page.locator('#connection').getAttribute('data-state')).toBe('ended');
    await screenshot(page, 'browser-canceled');
  });

  it('answers an input-required question through the form; the same task completes', async () => {
    const page = await ask('calculate 2 + * 3');
    const form = page.locator('#question-form');
    await form.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('#task-badge .badge').getAttribute('data-state')).toBe('input-required');
    expect(await page.locator('#question-text').textContent()).toContain('I could not read "2 + * 3"');
    expect(await page.locator('#connection').getAttribute('data-state')).toBe('paused');
    // The question's form takes the focus, so the user can type the answer at once.
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('reply');
    await screenshot(page, 'browser-input-required');
    const taskId = taskIdOf(page);

    await page.keyboard.type('2 + 3');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.locator('#task-badge .badge[data-state="completed"]').waitFor({ timeout: 15_000 });
    expect(await form.isHidden()).toBe(true);
    expect(await page.locator('#answer-body').textContent()).toContain('2 + 3 = 5');

    // One stream of events across the question: each once, in order, as the log has them.
    const log = await readEventLog(mesh.gatewayUrl, taskId);
    const shown = await eventLogIds(page);
    expect(shown).toEqual(log.map((event) => event.id));
    expect(log.some((event) => event.event.status?.state === 'input-required')).toBe(true);
    expectStepsMatchLog(await shownSteps(page), log);
    await screenshot(page, 'browser-input-answered');

    // A reload replays the whole log, across the question, and shows the same task.
    await page.reload();
    await page.locator('#task-badge .badge[data-state="completed"]').waitFor({ timeout: 10_000 });
    expect(await eventLogIds(page)).toEqual(shown);
    expect(await page.locator('#answer-body').textContent()).toContain('2 + 3 = 5');
    expect(await form.isHidden()).toBe(true);
  });

  it('asks for an API key when the gateway answers 401, keeps it for the tab, and streams with it', async () => {
    const gateway = createGateway({ orchestratorUrl: mesh.orchestratorUrl, apiKeys: ['s3cret-key'], nodeEnv: 'test' });
    const url = await gateway.listen(0, '127.0.0.1');
    try {
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      errors = pageErrors(page);
      await page.goto(url);
      await page.locator('#key-form').waitFor({ state: 'visible' });
      expect(await page.locator('#key-reason').textContent()).toContain('needs an API key');
      await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('key-input');
      await screenshot(page, 'browser-api-key');

      await page.keyboard.type('s3cret-key');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.agent[data-healthy="true"]').count()).toBe(4);
      expect(await page.locator('#key-form').isHidden()).toBe(true);
      expect(await page.evaluate("sessionStorage.getItem('a2a-mesh.apiKey')")).toBe('s3cret-key');

      // Fetches send it as a bearer token; the EventSource, which cannot, as `access_token`.
      await page.locator('#prompt').fill('what is 15% of 80');
      await page.locator('#prompt').press('Enter');
      await page.locator('#task-badge .badge[data-state="completed"]').waitFor({ timeout: 15_000 });
      expect(await page.locator('#answer-body').textContent()).toContain('15% of 80 = 12');
    } finally {
      await gateway.close();
    }
  });

  it('says so when the task in the URL does not exist (a reload after it expired)', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    errors = pageErrors(page);
    await page.goto(`${mesh.gatewayUrl}/#task=no-such-task`);
    await page.locator('#error').waitFor({ state: 'visible' });
    expect(await page.locator('#error').textContent()).toMatch(/^Task no-such-task cannot be shown: .*not found/i);
    expect(await page.locator('#task').isHidden()).toBe(true);
    await screenshot(page, 'browser-task-not-found');
  });
});
