// The source document's FAQ, end to end in the real app (issue 6 item 8): an instance whose encrypted
// system disk's CMK is disabled keeps running; `sudo reboot` then leaves a black console — no pixel, no
// BIOS text — while the instance stays Running, and the audit trail holds the refused Decrypt; after
// EnableKey, RebootInstance (ForceStop) boots it again and the file written before is still there.
// Then the same with the service key (which cannot be disabled) and with an unencrypted system disk
// (no KMS call at boot).
import { expect, test, type Page } from '@playwright/test';
import { call, callError, readStore } from '../support/lab-page';

test.use({ locale: 'en-US' });

const REGION = 'cn-hangzhou';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/faq-${name}.png`, fullPage: true });

async function publicImage(page: Page): Promise<string> {
  const r = await call(page, 'Ecs', 'DescribeImages', { RegionId: REGION, ImageOwnerAlias: 'system' });
  return (r.Images as { Image: { ImageId: string }[] }).Image[0].ImageId;
}

async function status(page: Page, instanceId: string): Promise<string> {
  const r = await call(page, 'Ecs', 'DescribeInstanceStatus', { RegionId: REGION, InstanceId: [instanceId] });
  return (r.InstanceStatuses as { InstanceStatus: { Status: string }[] }).InstanceStatus[0]?.Status ?? '';
}

async function launch(page: Page, systemDisk: Record<string, unknown>): Promise<string> {
  const r = await call(page, 'Ecs', 'RunInstances', {
    RegionId: REGION, ZoneId: 'cn-hangzhou-h', ImageId: await publicImage(page), InstanceType: 'ecs.g7.large', InstanceName: 'faq',
    'SystemDisk.Category': 'cloud_essd', 'SystemDisk.Size': 20, ...systemDisk,
  });
  const id = (r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
  await expect.poll(() => status(page, id), { timeout: 30_000 }).toBe('Running');
  return id;
}

async function systemDiskKey(page: Page, instanceId: string): Promise<string> {
  const r = await call(page, 'Ecs', 'DescribeDisks', { RegionId: REGION, InstanceId: instanceId, DiskType: 'system' });
  return (r.Disks as { Disk: { KMSKeyId: string }[] }).Disk[0].KMSKeyId;
}

const screen = (page: Page) => page.getByTestId('vnc-screen');
const prompts = async (page: Page) => ((await screen(page).textContent()) ?? '').match(/lab@\S*:~\$/g)?.length ?? 0;

/** Types a command on the focused console as a person would, and waits for the next prompt. */
async function run(page: Page, command: string): Promise<void> {
  const before = await prompts(page);
  await screen(page).focus();
  await page.keyboard.type(command, { delay: 15 });
  await page.keyboard.press('Enter');
  await expect.poll(() => prompts(page), { timeout: 15_000 }).toBeGreaterThan(before);
}

async function openConsole(page: Page, instanceId: string): Promise<void> {
  await page.goto(`./#/ecs/instances/${instanceId}/console`);
  await expect(screen(page)).toContainText(/lab@\S*:~\$/, { timeout: 20_000 });
}

type AuditRow = { seq: number; action: string; outcome: string; errorCode?: string; caller: { userName: string } };

/** Every Decrypt the audit trail holds, oldest first (its IndexedDB store, as the audit page reads it). */
async function decrypts(page: Page): Promise<{ outcome: string; errorCode?: string; userName: string }[]> {
  const rows = (await readStore(page, 'audit')) as AuditRow[];
  return rows.sort((a, b) => a.seq - b.seq).filter((r) => r.action === 'Decrypt').map((r) => ({ outcome: r.outcome, errorCode: r.errorCode, userName: r.caller.userName }));
}

test('FAQ: a disabled CMK leaves a rebooted instance black and Running; EnableKey and a forced reboot bring it and its files back', async ({ page }) => {
  test.setTimeout(180_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./');
  await page.waitForFunction(() => 'aliyunLab' in window);

  // A CMK, ECS authorized (its service role), an instance with an encrypted ESSD system disk under it.
  const cmk = ((await call(page, 'Kms', 'CreateKey', { Description: 'FAQ key' })).KeyMetadata as { KeyId: string }).KeyId;
  const unauthorized = await callError(page, 'Ecs', 'RunInstances', {
    RegionId: REGION, ZoneId: 'cn-hangzhou-h', ImageId: await publicImage(page), InstanceType: 'ecs.g7.large',
    'SystemDisk.Category': 'cloud_essd', 'SystemDisk.Size': 20, 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': cmk,
  });
  expect([unauthorized.Code, unauthorized.HttpStatus]).toEqual(['InvalidParameter.KMSKeyId.KMSUnauthorized', 403]);
  await call(page, 'Ram', 'CreateRole', {
    RoleName: 'AliyunECSDiskEncryptDefaultRole',
    AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }], Version: '1' }),
  });
  await call(page, 'Ram', 'AttachPolicyToRole', { PolicyType: 'System', PolicyName: 'AliyunECSDiskEncryptRolePolicy', RoleName: 'AliyunECSDiskEncryptDefaultRole' });
  const id = await launch(page, { 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': cmk });
  expect(await systemDiskKey(page, id)).toBe(cmk);

  // The prompt; a file written to the encrypted disk.
  await openConsole(page, id);
  await run(page, 'write notes.txt the FAQ survives');
  await run(page, 'cat notes.txt');
  await expect(screen(page)).toContainText('the FAQ survives');
  await shot(page, 'running');

  // DisableKey from the KMS console, which first lists what depends on the key: the instance and its disk.
  const systemDiskId = ((await call(page, 'Ecs', 'DescribeDisks', { RegionId: REGION, InstanceId: id, DiskType: 'system' })).Disks as { Disk: { DiskId: string }[] }).Disk[0].DiskId;
  await page.goto(`./#/kms/keys/${cmk}`);
  await page.getByTestId('key-state-panel').getByRole('button', { name: 'Disable key…' }).click();
  const dependents = page.getByTestId('dependents-confirm').getByTestId('dependents-list');
  await expect(dependents).toContainText(id);
  await expect(dependents).toContainText(systemDiskId);
  await page.getByTestId('dependents-confirm').getByTestId('confirm-button').click();
  await expect.poll(async () => ((await call(page, 'Kms', 'DescribeKey', { KeyId: cmk })).KeyMetadata as { KeyState: string }).KeyState).toBe('Disabled');

  // Back on the console: the machine was kept in memory and resumes; the running guest keeps working
  // (its data key stays in the crypto workers).
  await page.goto(`./#/ecs/instances/${id}/console`);
  await expect(screen(page)).toContainText('the FAQ survives');
  await run(page, 'cat motd');
  await expect(screen(page)).toContainText('Welcome to LabOS');
  const refusedBefore = (await decrypts(page)).filter((d) => d.outcome === 'Failure').length;

  // sudo reboot: a power cycle; the KMS refuses the data key; the screen stays black, the instance Running.
  await screen(page).focus();
  await page.keyboard.type('sudo reboot', { delay: 15 });
  await page.keyboard.press('Enter');
  await expect(screen(page)).toHaveAttribute('data-screen', 'black', { timeout: 15_000 });
  for (let second = 0; second < 20; second++) {
    expect((await screen(page).textContent())?.trim()).toBe('');
    expect(await screen(page).locator('canvas:visible').count()).toBe(0);
    const lines = (await call(page, 'Lab', 'GetConsoleText', { InstanceId: id })).Lines as string[];
    expect(lines.every((line) => line.trim() === '')).toBe(true);
    expect(await status(page, id)).toBe('Running');
    await page.waitForTimeout(1000);
  }
  await expect(page.getByTestId('hypervisor-events').locator('[data-kind="key-refused"]').first()).toContainText('InvalidParameter.KMSKeyId.CMKNotEnabled');
  await shot(page, 'black');
  const refused = (await decrypts(page)).filter((d) => d.outcome === 'Failure');
  expect(refused.length).toBeGreaterThan(refusedBefore);
  expect(refused.at(-1)).toMatchObject({ errorCode: 'Rejected.Disabled', userName: expect.stringContaining('AliyunECSDiskEncryptDefaultRole') });
  // …and a person sees it on the audit page; back on the console, the screen is still black.
  await page.goto('./#/audit');
  await page.getByRole('combobox', { name: 'Action' }).selectOption('Decrypt');
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('Failure');
  const row = page.locator('tr[data-action="Decrypt"][data-outcome="Failure"]').first();
  await expect(row).toContainText('AliyunECSDiskEncryptDefaultRole');
  await shot(page, 'audit');
  await page.goto(`./#/ecs/instances/${id}/console`);
  await expect(screen(page)).toHaveAttribute('data-screen', 'black');
  expect((await screen(page).textContent())?.trim()).toBe('');

  // The API refuses a reboot while the key is disabled, and nothing changes.
  const notEnabled = await callError(page, 'Ecs', 'RebootInstance', { RegionId: REGION, InstanceId: id, ForceStop: true });
  expect([notEnabled.Code, notEnabled.HttpStatus]).toEqual(['InvalidParameter.KMSKeyId.CMKNotEnabled', 400]);
  expect(await status(page, id)).toBe('Running');

  // EnableKey, a forced reboot: the prompt again, and the file.
  await call(page, 'Kms', 'EnableKey', { KeyId: cmk });
  await call(page, 'Ecs', 'RebootInstance', { RegionId: REGION, InstanceId: id, ForceStop: true });
  await expect(screen(page)).toContainText(/lab@\S*:~\$/, { timeout: 20_000 });
  await run(page, 'cat notes.txt');
  await expect(screen(page)).toContainText('the FAQ survives');

  // Delete (Force: it is Running); its system disk goes with it.
  await expect.poll(() => status(page, id), { timeout: 15_000 }).toBe('Running');
  await call(page, 'Ecs', 'DeleteInstance', { RegionId: REGION, InstanceId: id, Force: true });
  const left = await call(page, 'Ecs', 'DescribeInstances', { RegionId: REGION, InstanceIds: [id] });
  expect(left.TotalCount).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('FAQ with the service key (it cannot be disabled) and with an unencrypted system disk (no KMS call at boot)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.waitForFunction(() => 'aliyunLab' in window);

  const serviceId = await launch(page, { 'SystemDisk.Encrypted': true });
  const serviceKey = await systemDiskKey(page, serviceId);
  const disable = await callError(page, 'Kms', 'DisableKey', { KeyId: serviceKey });
  expect(disable.HttpStatus).toBeGreaterThanOrEqual(400);
  await openConsole(page, serviceId);
  await run(page, 'write svc.txt under the service key');
  const powerOns = page.getByTestId('hypervisor-events').locator('[data-kind="power-on"]');
  const bootsBefore = await powerOns.count();
  await screen(page).focus();
  await page.keyboard.type('sudo reboot', { delay: 15 });
  await page.keyboard.press('Enter');
  // A power cycle: the keys fetched again (the service key cannot be disabled), a new machine, its prompt.
  await expect.poll(() => powerOns.count(), { timeout: 15_000 }).toBeGreaterThan(bootsBefore);
  await expect(screen(page)).toContainText(/lab@\S*:~\$/, { timeout: 20_000 });
  await run(page, 'cat svc.txt');
  await expect(screen(page)).toContainText('under the service key');
  await call(page, 'Ecs', 'DeleteInstance', { RegionId: REGION, InstanceId: serviceId, Force: true });

  const plainId = await launch(page, { 'SystemDisk.Encrypted': false });
  await call(page, 'Ecs', 'StopInstance', { RegionId: REGION, InstanceId: plainId, ForceStop: true });
  await expect.poll(() => status(page, plainId), { timeout: 15_000 }).toBe('Stopped');
  const before = (await decrypts(page)).length;
  await call(page, 'Ecs', 'StartInstance', { RegionId: REGION, InstanceId: plainId });
  await openConsole(page, plainId);
  expect((await decrypts(page)).length).toBe(before);
  await expect(page.getByTestId('hypervisor-events').locator('[data-kind="no-key-needed"]').first()).toBeVisible();
  // The prompt can come before the status settles (Starting → Running): Delete waits for Running.
  await expect.poll(() => status(page, plainId), { timeout: 15_000 }).toBe('Running');
  await call(page, 'Ecs', 'DeleteInstance', { RegionId: REGION, InstanceId: plainId, Force: true });
});
