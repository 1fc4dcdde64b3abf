import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { A2AClient } from '@a2a-mesh/client';
import { startCutProxy } from '../support/cut-proxy.ts';
import type { CutProxy } from '../support/cut-proxy.ts';
import { launchChromium, pageErrors, screenshot, skipWithoutChromium } from './chromium.ts';
import { HoldGate } from './hold-gate.ts';
import { startMesh } from './mesh.ts';
import type { Mesh } from './mesh.ts';
import { connectionStates, eventLogIds, recordConnection, shownSteps, taskIdOf } from './page-probes.ts';
import { readEventLog } from './read-event-log.ts';
import { expectStepsMatchLog } from './steps-match-log.ts';

const prompt = 'what is 15% of 80 and find what the docs say about heartbeats';
/** Long enough that the task surely ends, unseen by the browser, before it reconnects. */
const retryMs = 1_500;

let browser: Browser;
let mesh: Mesh;
let context: BrowserContext;
let errors: Error[] = [];
const proxies: CutProxy[] = [];

describe.skipIf(skipWithoutChromium('web UI, live streams'))('web UI, live streams (Chromium)', () => {
  beforeAll(async () => {
    // Both at once; whichever started is stopped in afterAll even when the other failed.
    const [launched, started] = await Promise.allSettled([launchChromium(), startMesh({ retryMs })]);
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'fulfilled') mesh = started.value;
    for (const result of [launched, started]) if (result.status === 'rejected') throw result.reason;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await mesh?.close();
  });
  afterEach(async () => {
    mesh?.hooks.knowledge.set(undefined);
    await context?.close();
    expect(errors).toEqual([]);
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  });

  async function openPage(url: string): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    errors = pageErrors(page);
    await page.goto(url);
    await expect.poll(() => page.locator('.agent[data-healthy="true"]').count()).toBe(4);
    return page;
  }

  it('streams a task live: a lane per agent with its steps, the answer as it is written, completed', async () => {
    const page = await openPage(mesh.gatewayUrl);
    // The agents panel lists each agent's skills, with examples that fill the prompt box.
    await expect.poll(() => page.locator('#agents .skill').count()).toBeGreaterThan(5);
    await page.locator('#examples button.example').first().click();
    expect(await page.locator('#prompt').inputValue()).not.toBe('');
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('prompt');

    // Shift+Enter starts a new line; Enter sends.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    expect(await page.locator('#prompt').inputValue()).toBe('first line\nsecond line');
    expect(await page.locator('#task').isHidden()).toBe(true);
    await page.locator('#prompt').fill(prompt);
    // Record whether the answer panel showed the specialists' output while it was being written.
    await page.evaluate(`(() => {
      window.draftsSeen = [];
      new MutationObserver(() => {
        for (const draft of document.querySelectorAll('#answer-body .answer-artifact.draft')) {
          window.draftsSeen.push(draft.querySelector('.artifact-name')?.textContent);
        }
      }).observe(document.getElementById('answer-body'), { childList: true, subtree: true });
    })()`);
    await page.locator('#prompt').press('Enter');

    const badge = page.locator('#task-badge .badge');
    await badge.and(page.locator('[data-state="completed"]')).waitFor({ timeout: 20_000 });
    // The answer streamed in as the last steps wrote it, then the orchestrator's answer replaced the drafts.
    const drafts = (await page.evaluate('window.draftsSeen')) as string[];
    expect(drafts.some((name) => /is writing/.test(name))).toBe(true);
    expect(await page.locator('#answer-body .answer-artifact.draft').count()).toBe(0);
    const taskId = taskIdOf(page);
    expect(await badge.textContent()).toContain('completed');
    expect(await page.locator('#you-asked').textContent()).toBe(prompt);

    // One lane for the orchestrator and one per planned step, each with its agent's steps.
    const lanes = await page.locator('.lane').evaluateAll((elements) =>
      elements.map((lane) => ({
        id: lane.getAttribute('data-lane'),
        title: lane.querySelector('.lane-title')?.textContent,
        state: lane.querySelector('.badge')?.getAttribute('data-state'),
      })),
    );
    expect(lanes).toEqual([
      { id: 'orchestrator', title: 'Orchestrator', state: 'completed' },
      { id: 's1', title: 'Calculator', state: 'completed' },
      { id: 's2', title: 'Knowledge agent', state: 'completed' },
    ]);
    const steps = await shownSteps(page);
    const calculator = steps.filter((step) => step.lane === 's1').map((step) => step.text);
    expect(calculator).toContain('Parsed "15% of 80" as 15 / 100 * 80');
    expect(calculator).toContain('node parse');
    expect(steps.filter((step) => step.lane === 's2').map((step) => step.text)).toContain('node search');
    // Node rows show the duration the agent measured.
    expect(
      await page.locator('.lane[data-lane="s1"] .step--node[data-phase="done"] .step-time').first().textContent(),
    ).toMatch(/\d ms$/);

    // The answer streamed in, as text, with the calculator's result and the docs' passages.
    const answer = (await page.locator('#answer-body').textContent()) ?? '';
    expect(answer).toContain('12');
    expect(answer.toLowerCase()).toContain('heartbeat');
    expect(await page.locator('#answer').getAttribute('aria-busy')).toBe('false');
    expect(await page.locator('#cancel').isHidden()).toBe(true);

    const log = await readEventLog(mesh.gatewayUrl, taskId);
    expect(await eventLogIds(page)).toEqual(log.map((event) => event.id));
    expectStepsMatchLog(steps, log);
    await screenshot(page, 'browser-live-task');
    // The same page on a phone-sized screen: one column, lanes stacked.
    await page.setViewportSize({ width: 400, height: 860 });
    await page.locator('#task').scrollIntoViewIfNeeded();
    await page.locator('#task-heading').evaluate((heading) => heading.scrollIntoView());
    await screenshot(page, 'browser-live-task-narrow', false);
  });

  it('survives a cut connection mid-task: reconnecting, resumed, no step missing or repeated', async () => {
    const proxy = await startCutProxy(mesh.gatewayUrl);
    proxies.push(proxy);
    const gate = new HoldGate('search');
    mesh.hooks.knowledge.set(gate.beforeNode);
    const page = await openPage(proxy.url);
    await recordConnection(page);

    await page.locator('#prompt').fill(prompt);
    await page.locator('#send').click();
    await gate.reached;
    // The browser has shown the knowledge agent at work before the cut.
    await page.locator('.lane[data-lane="s2"] .step--node[data-node="index"][data-phase="done"]').waitFor();
    const taskId = taskIdOf(page);
    const before = (await eventLogIds(page)).at(-1)!;

    proxy.cut();
    await page.locator('#connection[data-state="reconnecting"]').waitFor();
    gate.release();
    // The task finishes while the browser is away; it learns the rest from the replay.
    const orchestrator = await A2AClient.fromCardUrl(mesh.orchestratorUrl);
    await expect
      .poll(async () => (await orchestrator.getTask(taskId)).status.state, { timeout: 10_000 })
      .toBe('completed');
    expect(await page.locator('#connection').getAttribute('data-state')).toBe('reconnecting');

    await page.locator('#task-badge .badge[data-state="completed"]').waitFor({ timeout: 20_000 });
    const log = await readEventLog(mesh.gatewayUrl, taskId);
    const shown = await eventLogIds(page);
    expect(shown).toEqual(log.map((event) => event.id));
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, index) => index + 1));
    expectStepsMatchLog(await shownSteps(page), log);

    // The same log, read straight from the orchestrator with our client from the start.
    const direct: number[] = [];
    for await (const item of orchestrator.resubscribe(taskId, { lastEventId: 0 })) direct.push(item.id ?? -1);
    expect(direct).toEqual(shown);
    await orchestrator.close();

    const missed = log.filter((event) => event.id > before).length;
    const states = await connectionStates(page);
    expect(states.some((state) => state.startsWith('reconnecting: reconnecting…'))).toBe(true);
    const resumed = states.filter((state) => state.startsWith('resumed:')).at(-1);
    expect(resumed).toMatch(/^resumed: resumed \(\d+ missed events? replayed\)$/);
    expect(Number(/\((\d+)/.exec(resumed!)![1])).toBeGreaterThan(0);
    expect(Number(/\((\d+)/.exec(resumed!)![1])).toBeLessThanOrEqual(missed);
    expect(await page.locator('#connection-text').textContent()).toMatch(/^ended · resumed after a drop/);
    expect(proxy.connections).toBeGreaterThan(1);
    await screenshot(page, 'browser-resumed-after-cut');

    // A reload has no state of its own: it replays the whole log and shows the same steps.
    const stepsBefore = await shownSteps(page);
    await page.reload();
    await page.locator('#task-badge .badge[data-state="completed"]').waitFor();
    expect(await eventLogIds(page)).toEqual(shown);
    expect((await shownSteps(page)).map(({ lane, seq, text }) => ({ lane, seq, text }))).toEqual(
      stepsBefore.map(({ lane, seq, text }) => ({ lane, seq, text })),
    );
  });

  it('resumes through a restarted gateway: the page reconnects by itself and misses nothing', async () => {
    const gate = new HoldGate('rank');
    mesh.hooks.knowledge.set(gate.beforeNode);
    const page = await openPage(mesh.gatewayUrl);
    await recordConnection(page);
    await page.locator('#prompt').fill('find what the docs say about heartbeats');
    await page.locator('#prompt').press('Enter');
    await gate.reached;
    await page.locator('.lane[data-lane="s1"] .step--node[data-node="search"][data-phase="done"]').waitFor();
    const taskId = taskIdOf(page);

    const restarted = mesh.restartGateway(retryMs);
    await page.locator('#connection[data-state="reconnecting"]').waitFor();
    gate.release();
    await restarted;

    await page.locator('#task-badge .badge[data-state="completed"]').waitFor({ timeout: 20_000 });
    const log = await readEventLog(mesh.gatewayUrl, taskId);
    expect(await eventLogIds(page)).toEqual(log.map((event) => event.id));
    expectStepsMatchLog(await shownSteps(page), log);
    const states = await connectionStates(page);
    expect(states.some((state) => state.startsWith('reconnecting:'))).toBe(true);
    expect(states.at(-1)).toMatch(/^ended: ended · resumed after a drop/);
    expect(states.some((state) => /^resumed: resumed \([1-9]\d* missed events? replayed\)$/.test(state))).toBe(true);
    expect((await page.locator('#answer-body').textContent())?.toLowerCase()).toContain('heartbeat');
    await screenshot(page, 'browser-resumed-after-restart');
  });
});
