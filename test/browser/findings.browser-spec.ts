import type { Browser, Page } from 'playwright-core';
import { KEYS } from '../support/api';
import { settled, startSystem, System } from '../support/system';
import { launchBrowser, openPage, WatchedPage } from './support/browser';
import { cells, expectSucceeded, signIn } from './support/screen';

/**
 * A group's page shows what the checks find in it and what was changed: SSH from All IPv4 added
 * through the API shows as an open high finding with the change that opened it (actor, request
 * id), and in Changes; deleting the rule in the console closes the finding and adds the change; a
 * high finding that opens while the console is open is a notification.
 */
describe('the console: a group\'s findings and changes', () => {
  let sys: System;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;
  let groupId: string;
  let sshRequestId: string;
  let actor: string;

  beforeAll(async () => {
    [sys, browser] = await Promise.all([startSystem({ agents: [] }), launchBrowser()]);
    w = await openPage(browser, sys.api.url);
    page = w.page;
    const vpcId = (await sys.http.post('/v1/vpcs', { name: 'findings', cidr: '10.0.0.0/16' })).body.id;
    const created = await sys.http.post('/v1/security-groups', { vpcId, name: 'bastion', rules: [] });
    groupId = created.body.id;
    await settled(sys.http, created.body.operation.id);
    const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }] });
    sshRequestId = added.headers.get('x-request-id')!;
    await settled(sys.http, added.body.operation.id);
    const events = (await sys.http.get(`/v1/security-groups/${groupId}/events`)).body as { type: string; metadata: { actor: string } }[];
    actor = events.find((e) => e.type === 'security-group.rules.added')!.metadata.actor;
  });
  afterEach(() => expect(w.problems()).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('shows the open SSH finding with the change that opened it, and the change itself', async () => {
    await page.goto('/console');
    await signIn(page, KEYS.member);
    await page.goto(`/console/security-groups/${groupId}`);
    await page.getByRole('heading', { name: 'bastion', level: 1 }).waitFor();

    const findings = page.getByRole('table', { name: 'Open findings of this security group' });
    const ssh = findings.locator('tr[data-check="ssh-open-to-world"]');
    await ssh.waitFor();
    const [severity, title, why, since, openedBy] = await cells(ssh);
    expect([severity, title, why]).toEqual(['High', 'SSH (22) open to the world ssh-open-to-world', 'TCP 22 from 0.0.0.0/0']);
    expect(since).not.toBe('—');
    expect(openedBy).toBe(`${actor} · request ${sshRequestId}`);
    await findings.locator('tr[data-check="group-unattached"]').waitFor();

    const changes = page.getByRole('table', { name: 'Changes of this security group, newest first' });
    const newest = changes.locator('tbody tr').first();
    const [, who, request, what] = await cells(newest);
    expect([who, request, what]).toEqual([actor, sshRequestId, 'Added rule: inbound SSH (TCP 22) from All']);
    expect(await changes.locator('tbody tr').count()).toBe(2);
    await w.shot('findings-and-changes');
  });

  it('closes the finding when the rule is deleted in the console, and shows that change', async () => {
    await page.getByRole('table', { name: 'Inbound Rules' }).getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('dialog', { name: 'Delete rule' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expectSucceeded(page, /^Delete rule SSH/);

    const findings = page.getByRole('table', { name: 'Open findings of this security group' });
    await findings.locator('tr[data-check="ssh-open-to-world"]').waitFor({ state: 'detached' });
    expect(await findings.locator('tr[data-check]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check')))).toEqual(['group-unattached']);
    const changes = page.getByRole('table', { name: 'Changes of this security group, newest first' });
    await changes.locator('tbody tr').nth(2).waitFor();
    const [, who, , what] = await cells(changes.locator('tbody tr').first());
    expect([who, what]).toEqual([actor, 'Removed rule: inbound SSH (TCP 22) from All']);

    const [closed] = (await sys.http.get(`/v1/findings?status=closed&groupId=${groupId}`)).body;
    expect(closed).toMatchObject({ check: 'ssh-open-to-world', closedBy: { actor, type: 'security-group.rules.removed' } });
  });

  it('shows a notification when a high finding opens while the console is open, and the finding on the page', async () => {
    const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'RDP', remote: 'all-ipv4' }] });
    expect(added.status).toBe(202);
    const notice = page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: 'Finding: RDP (3389) open to the world' });
    await notice.waitFor();
    expect((await notice.innerText()).replace(/\s+/g, ' ')).toContain(`High TCP 3389 from 0.0.0.0/0 · ${groupId}`);
    await page.getByRole('table', { name: 'Open findings of this security group' }).locator('tr[data-check="rdp-open-to-world"]').waitFor();
    await notice.getByRole('button', { name: 'Dismiss Finding: RDP (3389) open to the world' }).click();
    await notice.waitFor({ state: 'detached' });
  });
});
