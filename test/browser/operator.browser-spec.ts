import type { Browser, Page } from 'playwright-core';
import { KEYS } from '../support/api';
import { eventually, groupOnTwoHypervisors, startSystem, System } from '../support/system';
import { launchBrowser, openPage, WatchedPage } from './support/browser';
import { cells, expectFailed, expectSucceeded, menu, rowOf, textOf } from './support/screen';

/**
 * An operator in the console, in Chromium, against the real API, worker and memory agents:
 * hypervisors (desired and applied revisions, Resync), a change that fails while an agent is down,
 * its Retry once the agent is back, and the queues.
 */
describe('the console, as an operator', () => {
  let sys: System;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    [sys, browser] = await Promise.all([startSystem({ agents: ['hv-1', 'hv-2'] }), launchBrowser()]);
    await groupOnTwoHypervisors(sys.http, sys.operator, 'ml', 'web');
    w = await openPage(browser, sys.api.url);
    page = w.page;
  });
  afterEach(() => expect(w.problems()).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('signs in as an operator: the menu adds Hypervisors and Queues', async () => {
    await page.goto('/console/hypervisors');
    // By keyboard alone: the key field has the focus and Enter signs in. Each page then puts the
    // focus on its heading (screen readers announce it), and Tab goes on into the page.
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await page.keyboard.type(KEYS.operator);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    await page.reload();
    await rowOf(page, 'hv-1').waitFor();
    const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent);
    expect(await focused()).toBe('Hypervisors');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Resync');
    expect(await textOf(page.locator('.who'))).toBe('Tenant ops · operator');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual(['VPC', 'Instances', 'Security Group', 'Operations', 'Hypervisors', 'Queues']);
    // The address it was opened at is where it lands.
    await page.getByRole('heading', { name: 'Hypervisors', level: 1, exact: true }).waitFor();
  });

  it('shows each hypervisor\'s desired and applied revision and last contact, and resyncs one', async () => {
    const hv1 = rowOf(page, 'hv-1');
    await hv1.waitFor();
    const [agent, desired, applied, state, lastContact] = await cells(hv1);
    expect(agent).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(desired)).toBeGreaterThan(0);
    expect(applied).toBe(desired);
    expect(state).toBe('In sync');
    expect(lastContact).toMatch(/2\d{3}/);
    await hv1.getByRole('button', { name: 'Resync hv-1', exact: true }).click();
    await expectSucceeded(page, 'Resync hv-1');
    await w.shot('12-hypervisors');
  });

  it('shows a change failing while an agent is down, an operator\'s retry failing again, and the change succeeding by itself once the agent is back', async () => {
    await sys.agents.get('hv-2')!.kill();
    await menu(page, 'Security Group').click();
    await page.getByRole('link', { name: 'web', exact: true }).click();
    await page.getByRole('heading', { name: 'web', level: 1, exact: true }).waitFor();
    const inbound = page.getByRole('region', { name: 'Inbound Rules' });
    await inbound.getByRole('button', { name: 'Add New', exact: true }).click();
    const rule = inbound.getByRole('group', { name: 'Inbound rule 1' });
    await rule.getByRole('button', { name: 'SSH (22)', exact: true }).click();
    await rule.getByLabel('Custom', { exact: true }).check();
    await rule.getByLabel('IP addresses or CIDR ranges').fill('203.0.113.0/24');
    await inbound.getByRole('button', { name: 'Edit Security Group', exact: true }).click();
    const failed = await expectFailed(page, 'Edit Security Group web');
    expect(await textOf(failed)).toMatch(/hv-2/);

    await menu(page, 'Hypervisors').click();
    const hv2 = rowOf(page, 'hv-2');
    await eventually('hv-2 behind, with its error', async () => ((await cells(hv2))[3].startsWith('Behind by') ? true : undefined));
    expect((await cells(hv2))[5]).toMatch(/ECONNREFUSED/);

    await menu(page, 'Operations').click();
    await page.getByLabel('Status').selectOption('failed');
    const row = page.getByRole('row').filter({ hasText: 'security-group.rules.added' });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await row.getByRole('link').click();
    const details = page.getByRole('region', { name: /^Operation op-/ });
    await details.waitFor();
    expect(await cells(rowOf(page, 'hv-2'))).toEqual(['Failed', '3', '—', expect.stringMatching(/^agent hv-2 unreachable at .*ECONNREFUSED$/)]);
    expect(await cells(rowOf(page, 'hv-1'))).toEqual(['Succeeded', '1', expect.stringMatching(/^\d+$/), '']);
    expect(await details.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(1);
    await w.shot('13-operation-failed');

    // An operator's Retry while hv-2 is still down: accepted, tried again on hv-2 (its attempts
    // start over), and failed again with the agent's error.
    await details.getByRole('button', { name: 'Retry', exact: true }).click();
    await expectFailed(page, /^Retry op-/);
    // The details follow the operation through queued and in progress: wait for the whole row's end.
    const failedAgain = (row: string[]) => row[0] === 'Failed' && row[1] === '3' && row[2] === '—' && /^agent hv-2 unreachable at .*ECONNREFUSED$/.test(row[3]);
    await eventually('the retried target failed again', async () => (failedAgain(await cells(rowOf(page, 'hv-2'))) ? true : undefined));

    // Once hv-2 is back and holds a state carrying the change, the operation succeeds by itself:
    // no operator's retry (docs/agent-protocol.md "Convergence").
    await sys.agents.get('hv-2')!.restart();
    const converged = (row: string[]) => row[0] === 'Succeeded' && /^\d+$/.test(row[1]) && /^\d+$/.test(row[2]) && row[3] === '';
    await eventually('hv-2 shown as succeeded', async () => (converged(await cells(rowOf(page, 'hv-2'))) ? true : undefined));
    await details.locator('dl').getByText('Succeeded', { exact: true }).waitFor();
    expect(await details.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
  });

  it('shows the queues, with the failed syncs and the agent\'s error a click away', async () => {
    await menu(page, 'Queues').click();
    await page.getByRole('heading', { name: 'Queues', level: 1, exact: true }).waitFor();
    const queue = rowOf(page, 'hypervisor-sync');
    await queue.waitFor();
    const [state, waiting, , , , completed, failed] = await cells(queue);
    expect(state).toBe('Running');
    expect(Number(waiting)).toBeGreaterThanOrEqual(0);
    expect(Number(completed)).toBeGreaterThan(0);
    expect(Number(failed)).toBeGreaterThanOrEqual(1);
    await queue.getByRole('link', { name: 'Failed jobs', exact: true }).click();
    await page.getByRole('heading', { name: 'Failed jobs of hypervisor-sync (newest first)', exact: true }).waitFor();
    const jobs = page.getByRole('table', { name: 'failed jobs of hypervisor-sync' });
    await jobs.getByText(/ECONNREFUSED/).first().waitFor();
    await w.shot('14-queues');
    await page.getByRole('navigation', { name: 'Job states' }).getByRole('link', { name: 'completed', exact: true }).click();
    await page.getByRole('heading', { name: 'Completed jobs of hypervisor-sync (newest first)', exact: true }).waitFor();
  });
});
