import type { Browser, Page } from 'playwright-core';
import { KEYS } from '../support/api';
import { eventually, startSystem, System } from '../support/system';
import { launchBrowser, openPage, WatchedPage } from './support/browser';
import { cells, dismissNotifications, expectSucceeded, menu, rowOf, textOf } from './support/screen';

const SSH_ADVICE = 'To enhance security when enabling SSH access, please allow only trusted IP addresses and avoid using “All IPv4” (0.0.0.0/0).';

/**
 * A new member walks the user guide in the console, in Chromium, against the real API, worker and
 * memory agents: sign in, a VPC and two GPU VMs, a security group with rules and an applied
 * instance, the rule editor, Apply To, the history, the blocked delete, deleting rules and the
 * group, sign-out. Every step asserts what the user sees; any console error or failed request fails it.
 */
describe('the console, as a member', () => {
  let sys: System;
  let browser: Browser;
  let w: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    [sys, browser] = await Promise.all([startSystem({ agents: ['hv-1', 'hv-2'] }), launchBrowser()]);
    w = await openPage(browser, sys.api.url);
    page = w.page;
    await eventually('both agents registered', async () => ((await sys.operator.get('/v1/hypervisors')).body.length === 2 ? true : undefined));
  });
  afterEach(() => expect(w.problems()).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('signs in with an API key kept in the tab, and shows the tenant and role', async () => {
    await page.goto('/console');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    await w.shot('01-sign-in');

    w.allow(/\/v1\/me$/, 401);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('Could not sign in').waitFor();

    await page.getByLabel('API key').fill(KEYS.member);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    expect(await textOf(page.locator('.who'))).toBe('Tenant demo · member');
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('sg.console.apiKey'))).toBe(KEYS.member);
    // Operators only: hypervisors and queues are not in a member's menu.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual(['VPC', 'Instances', 'Security Group', 'Operations']);
    await page.locator('.live-live').waitFor();
  });

  it('creates a VPC and two GPU VMs without curl', async () => {
    await menu(page, 'VPC').click();
    await page.getByRole('heading', { name: 'VPC', level: 1, exact: true }).waitFor();
    await page.getByLabel('Name').fill('ml-training');
    await page.getByLabel('CIDR').fill('10.0.0.0/16');
    await page.getByRole('button', { name: 'Create VPC', exact: true }).click();
    const vpc = rowOf(page, 'ml-training');
    await vpc.waitFor();
    expect((await cells(vpc)).slice(0, 2)).toEqual(['10.0.0.0/16', 'default']);

    await menu(page, 'Instances').click();
    await page.getByRole('heading', { name: 'Instances', level: 1, exact: true }).waitFor();
    for (const [name, hv, ip] of [['gpu-1', 'hv-1', '10.0.1.5'], ['gpu-2', 'hv-2', '10.0.2.5']]) {
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Hypervisor').fill(hv);
      await page.getByLabel('IPv4 address').fill(ip);
      await page.getByRole('button', { name: 'Register instance', exact: true }).click();
      await rowOf(page, name).waitFor();
      await expectSucceeded(page, `Register instance ${name}`);
    }
    expect(await cells(rowOf(page, 'gpu-2'))).toEqual(['ml-training', 'hv-2', '10.0.2.5', '—', 'default', 'Delete']);
    await w.shot('02-instances');
  });

  it('creates a security group with rules and an applied instance; its notification reaches succeeded', async () => {
    await menu(page, 'Security Group').click();
    await page.getByRole('heading', { name: 'Security Group', level: 1, exact: true }).waitFor();
    const defaults = rowOf(page, 'default');
    await defaults.waitFor();
    expect(await cells(defaults)).toEqual(['ml-training', '0', '6', 'gpu-1, gpu-2', 'In sync', 'Delete']);
    expect(await defaults.getByRole('button', { name: 'Delete default', exact: true }).isDisabled()).toBe(true);

    await page.getByRole('link', { name: 'Create Security Group', exact: true }).click();
    await page.getByRole('heading', { name: 'Create security group', exact: true }).waitFor();
    const name = page.getByLabel('Name', { exact: true });
    await eventually('a generated default name', async () => ((await name.inputValue()) !== '' ? true : undefined));
    expect(await name.inputValue()).toMatch(/^sg-[a-z]+-[a-z]+-\d{4}$/);
    await name.fill('web-servers');
    await page.getByRole('checkbox', { name: /gpu-1/ }).check();
    await page.getByRole('button', { name: 'Add Tags', exact: true }).click();
    await page.getByLabel('Tag key 1').fill('team');
    await page.getByLabel('Tag value 1').fill('ml');

    const inbound = page.getByRole('region', { name: 'Inbound Rules' });
    await inbound.getByRole('button', { name: 'Add New', exact: true }).click();
    const first = inbound.getByRole('group', { name: 'Inbound rule 1' });
    await first.getByRole('button', { name: 'HTTPS (443)', exact: true }).click();
    expect(await first.getByLabel('Port or range').inputValue()).toBe('443');
    await first.getByLabel('Description').fill('public web');

    await inbound.getByRole('button', { name: 'Add Rule', exact: true }).click();
    const second = inbound.getByRole('group', { name: 'Inbound rule 2' });
    await second.getByRole('button', { name: 'SSH (22)', exact: true }).click();
    // SSH from All IPv4: the guide's recommendation.
    await second.getByRole('note').getByText(SSH_ADVICE).waitFor();
    await second.getByLabel('Custom', { exact: true }).check();
    expect(await second.getByRole('note').count()).toBe(0);
    // Validated as you type, in the API's own words.
    const custom = second.getByLabel('IP addresses or CIDR ranges');
    await custom.fill('203.0.113.300');
    const apiSays = await sys.http.post('/v1/security-groups', { vpcId: (await sys.http.get('/v1/vpcs')).body[0].id, rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.300'] }] });
    expect(apiSays.status).toBe(400);
    const message = apiSays.body.errors[0].message;
    expect(message).toBe('"203.0.113.300" is not a valid CIDR: IPv4 octets are decimal numbers 0–255 without leading zeros');
    await second.getByText(message).waitFor();
    expect(await custom.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Create Security Group', exact: true }).isDisabled()).toBe(true);
    await custom.fill('203.0.113.0/24');
    expect(await second.getByText(message).count()).toBe(0);
    await w.shot('03-create-security-group');

    await page.getByRole('button', { name: 'Create Security Group', exact: true }).click();
    await page.getByRole('heading', { name: 'Security Group', level: 1, exact: true }).waitFor();
    const created = await expectSucceeded(page, 'Create Security Group web-servers');
    expect(await textOf(created)).toMatch(/web-servers/);
    const row = rowOf(page, 'web-servers');
    await eventually('the group in sync', async () => ((await cells(row))[4] === 'In sync' ? true : undefined));
    expect(await cells(row)).toEqual(['ml-training', '2', '0', 'gpu-1', 'In sync', 'Delete']);
    await dismissNotifications(page);
    await w.shot('04-security-groups');
  });

  it('adds rules on the details page and saves them with Edit Security Group', async () => {
    await page.getByRole('link', { name: 'web-servers', exact: true }).click();
    await page.getByRole('heading', { name: 'web-servers', level: 1, exact: true }).waitFor();
    const inbound = page.getByRole('region', { name: 'Inbound Rules' });
    const table = inbound.getByRole('table');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Type', 'Protocol', 'Port range', 'Action', 'IP type', 'Source', 'Description', 'Delete']);
    expect(await cells(table.getByRole('row').nth(1))).toEqual(['HTTPS', 'TCP', '443', 'ALLOW', 'IPv4', 'All', 'public web', '']);
    expect(await cells(table.getByRole('row').nth(2))).toEqual(['SSH', 'TCP', '22', 'ALLOW', 'IPv4', '203.0.113.0/24', '—', '']);

    await inbound.getByRole('button', { name: 'Add New', exact: true }).click();
    const first = inbound.getByRole('group', { name: 'Inbound rule 1' });
    await first.getByRole('button', { name: 'RDP (3389)', exact: true }).click();
    await first.getByRole('note').getByText('avoid using “All IPv4” (0.0.0.0/0)').waitFor();
    await first.getByLabel('My IP').check();
    await first.getByText('Your address as the API sees it: 127.0.0.1').waitFor();

    await inbound.getByRole('button', { name: 'Add Rule', exact: true }).click();
    const second = inbound.getByRole('group', { name: 'Inbound rule 2' });
    await second.getByLabel('Port or range').fill('70000');
    await second.getByText('port must be an integer 1–65535').waitFor();
    await second.getByLabel('Port or range').fill('8000-8080');
    await second.getByLabel('Custom', { exact: true }).check();
    await second.getByLabel('IP addresses or CIDR ranges').fill('10.0.0.0/16, 192.0.2.7');
    await second.getByLabel('Description').fill('notebooks');
    await dismissNotifications(page);
    await w.shot('05-rule-editor');

    await inbound.getByRole('button', { name: 'Edit Security Group', exact: true }).click();
    const edited = await expectSucceeded(page, 'Edit Security Group web-servers');
    expect(await textOf(edited)).toContain('Added 3 inbound rules to web-servers');
    await eventually('five inbound rules', async () => ((await table.getByRole('row').count()) === 6 ? true : undefined));
    const texts = (await table.getByRole('row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^RDP TCP 3389 ALLOW IPv4 127\.0\.0\.1\/32/),
        expect.stringMatching(/^Custom TCP 8000-8080 ALLOW IPv4 10\.0\.0\.0\/16 notebooks/),
        expect.stringMatching(/^Custom TCP 8000-8080 ALLOW IPv4 192\.0\.2\.7\/32 notebooks/),
      ]),
    );
    expect(await inbound.getByRole('group').count()).toBe(0);
  });

  it('applies the group to a CIDR range, and detaches an instance with the X', async () => {
    const applyTo = page.getByRole('region', { name: 'Apply To' });
    const chips = applyTo.getByRole('list', { name: 'Applied instances' });
    expect(await chips.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('gpu-1 (10.0.1.5)')]);
    const cidr = applyTo.getByLabel('CIDR range');
    await cidr.fill('10.0.2.0/33');
    await applyTo.getByText('"10.0.2.0/33" is not a valid CIDR: the prefix length must be a decimal number 0–32 without leading zeros').waitFor();
    expect(await applyTo.getByRole('button', { name: 'Apply Instances', exact: true }).isDisabled()).toBe(true);
    await cidr.fill('10.0.2.0/24');
    await applyTo.getByRole('button', { name: 'Apply Instances', exact: true }).click();
    await expectSucceeded(page, 'Apply Instances: web-servers');
    await chips.getByText('10.0.2.0/24').waitFor();
    // gpu-2 (10.0.2.5) is inside the range: the group applies to it too.
    expect((await sys.http.get('/v1/instances')).body.find((i: { name: string }) => i.name === 'gpu-2').securityGroupIds).toHaveLength(2);

    await applyTo.getByRole('button', { name: 'Remove gpu-1', exact: true }).click();
    await applyTo.getByText('1 entry will be removed when you click Apply Instances.').waitFor();
    await w.shot('06-apply-to');
    await applyTo.getByRole('button', { name: 'Apply Instances', exact: true }).click();
    await eventually('gpu-1 detached', async () => ((await chips.getByRole('listitem').allInnerTexts()).length === 1 ? true : undefined));
    expect(await chips.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining('10.0.2.0/24')]);
    await expectSucceeded(page, 'Apply Instances: web-servers');
    await w.shot('07-security-group-details');
  });

  it('shows the history: who, when and what, and the group at any version', async () => {
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await page.getByRole('heading', { name: 'History of web-servers', exact: true }).waitFor();
    const timeline = page.getByRole('list', { name: 'Events, newest first' });
    await timeline.getByRole('listitem').first().waitFor();
    const items = (await timeline.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(items[0]).toMatch(/^v\d+ Removed from gpu-1 demo\/member#[0-9a-f]{8} · .+ · security-group\.applied-to\.changed/);
    expect(items[1]).toMatch(/Applied to 10\.0\.2\.0\/24/);
    expect(items[2]).toMatch(/Added 3 rules \(3 inbound, 0 outbound\)/);
    expect(items.at(-1)).toMatch(/^v1 Created with the name web-servers demo\/member#/);

    await timeline.getByRole('button', { name: 'View version 1', exact: true }).click();
    await page.getByRole('heading', { name: 'web-servers at version 1', exact: true }).waitFor();
    const past = page.getByRole('region', { name: 'web-servers at version 1' });
    const version = Number((await timeline.getByRole('listitem').nth(2).locator('.version').innerText()).slice(1));
    await timeline.getByRole('button', { name: `View version ${version}` }).click();
    const atEdit = page.getByRole('region', { name: `web-servers at version ${version}` });
    await atEdit.getByRole('table', { name: `Inbound rules at version ${version}` }).waitFor();
    expect(await atEdit.getByRole('table', { name: `Inbound rules at version ${version}` }).getByRole('row').count()).toBe(6);
    expect(await past.count()).toBe(0);
    await w.shot('08-history');
  });

  it('says the group still has rules when asked to delete it, deletes a rule with the trash icon, then all rules and the group', async () => {
    await menu(page, 'Security Group').click();
    await page.getByRole('heading', { name: 'Security Group', level: 1, exact: true }).waitFor();
    await rowOf(page, 'web-servers').getByRole('button', { name: 'Delete web-servers', exact: true }).click();
    const blocked = page.getByRole('dialog', { name: 'Delete the rules first' });
    await blocked.waitFor();
    expect(await textOf(blocked)).toContain('web-servers still has 5 rules (5 inbound, 0 outbound). A security group can be deleted only after all its rules have been deleted.');
    await w.shot('09-delete-blocked');
    await blocked.getByRole('button', { name: 'Open details', exact: true }).click();

    await page.getByRole('heading', { name: 'web-servers', level: 1, exact: true }).waitFor();
    const table = page.getByRole('region', { name: 'Inbound Rules' }).getByRole('table');
    await table.getByRole('button', { name: /^Delete inbound rule RDP 3389/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete rule' });
    expect(await textOf(confirm)).toContain('Delete the inbound rule RDP (TCP, ports 3389, from 127.0.0.1/32) from web-servers?');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expectSucceeded(page, 'Delete rule RDP 3389 of web-servers');
    await eventually('four inbound rules', async () => ((await table.getByRole('row').count()) === 5 ? true : undefined));

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete the rules first' }).getByRole('button', { name: 'Delete all rules', exact: true }).click();
    const final = page.getByRole('dialog', { name: 'Delete Security Group' });
    await final.waitFor();
    expect(await textOf(final)).toContain('Delete the security group web-servers?');
    await w.shot('10-delete-security-group');
    await final.getByRole('button', { name: 'Delete Security Group', exact: true }).click();
    await page.getByRole('heading', { name: 'Security Group', level: 1, exact: true }).waitFor();
    await expectSucceeded(page, 'Delete 4 rules of web-servers');
    await expectSucceeded(page, 'Delete Security Group web-servers');
    await eventually('the group gone from the list', async () => ((await rowOf(page, 'web-servers').count()) === 0 ? true : undefined));
    expect(await page.getByRole('rowheader').allInnerTexts()).toEqual([expect.stringMatching(/^default/)]);
  });

  it('lists the operations of every change, and signs out', async () => {
    await menu(page, 'Operations').click();
    await page.getByRole('heading', { name: 'Operations', level: 1, exact: true }).waitFor();
    const first = page.getByRole('row').nth(1);
    await first.waitFor();
    expect(await cells(first)).toEqual(['Succeeded', 'security-group.deleted', expect.stringContaining('web-servers'), expect.any(String)]);
    await first.getByRole('link').click();
    await page.getByRole('heading', { name: /^Operation op-/ }).waitFor();
    // A member sees no Retry: that is an operator's.
    expect(await page.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
    await w.shot('11-operations');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('sg.console.apiKey'))).toBeNull();
  });
});
