// The machine host and the VNC console page in the built app (issue 6 items 5–7): an instance with a
// service-key-encrypted system disk boots to the LabOS prompt on its console page; keys typed on the
// focused screen reach the guest and keys typed elsewhere do not; a file written survives `sudo reboot`
// and Ctrl+Alt+Del (power cycles through the KMS, shown in the hypervisor panel); after a reload (a host
// restart) Lab.GetConsoleText and Lab.SendConsoleText boot and drive the machine headless.
import { expect, test, type Page } from '@playwright/test';
import { call, callError } from '../support/lab-page';

test.use({ locale: 'en-US' });

const PUBLIC_IMAGE_ID = 'labos_1_0_x64_20G_alibase_20260101.vhd';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/console-${name}.png`, fullPage: true });

/** The screen as a person reads it (v86 draws text mode as DOM rows). */
async function screenText(page: Page): Promise<string> {
  return ((await page.getByTestId('vnc-screen').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function consoleLines(page: Page, instanceId: string): Promise<string[]> {
  return (await call(page, 'Lab', 'GetConsoleText', { InstanceId: instanceId })).Lines as string[];
}

const promptCount = (text: string, instanceId: string) => text.split(`lab@${instanceId}:~$`).length - 1;

/** Types a command on the focused screen and waits for the next prompt. */
async function typeCommand(page: Page, instanceId: string, command: string): Promise<string> {
  const before = promptCount(await screenText(page), instanceId);
  await page.keyboard.type(command, { delay: 15 });
  await page.keyboard.press('Enter');
  await expect.poll(async () => promptCount(await screenText(page), instanceId), { timeout: 10_000 }).toBeGreaterThan(before);
  return screenText(page);
}

async function launch(page: Page): Promise<string> {
  const zoneId = ((await call(page, 'Ecs', 'DescribeZones')).Zones as { Zone: { ZoneId: string }[] }).Zone[0].ZoneId;
  const r = await call(page, 'Ecs', 'RunInstances', {
    ZoneId: zoneId, ImageId: PUBLIC_IMAGE_ID, InstanceType: 'ecs.g7.large', InstanceName: 'console-e2e', 'SystemDisk.Encrypted': true,
  });
  const instanceId = (r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
  await expect.poll(async () => {
    const d = await call(page, 'Ecs', 'DescribeInstances', { InstanceIds: [instanceId] });
    return (d.Instances as { Instance: { Status: string }[] }).Instance[0]?.Status;
  }, { timeout: 30_000 }).toBe('Running');
  return instanceId;
}

test('console: boot to the prompt, type on the focused screen only, a file survives sudo reboot and Ctrl+Alt+Del; after a reload the Lab console actions boot it headless', async ({ page }) => {
  test.setTimeout(150_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // v86 (its script, wasm and BIOS) loads only when a machine is first needed.
  const emulatorFetches: string[] = [];
  page.on('request', (request) => {
    if (/libv86|v86-[^/]*\.wasm|bios\//.test(request.url())) emulatorFetches.push(request.url());
  });
  await page.goto('./#/ecs/instances');
  await page.waitForFunction(() => 'aliyunLab' in window);
  const instanceId = await launch(page);
  expect(emulatorFetches).toEqual([]);
  const vncUrl = (await call(page, 'Ecs', 'DescribeInstanceVncUrl', { InstanceId: instanceId })).VncUrl as string;
  expect(vncUrl).toMatch(new RegExp(`^http://localhost:\\d+/.*#/ecs/instances/${instanceId}/console$`));

  // The console page: status, the screen booting to the prompt, the key fetched at start in the panel.
  await page.goto(vncUrl);
  const screen = page.getByTestId('vnc-screen');
  await expect(page.getByTestId('instance-status').getByTestId('status')).toHaveAttribute('data-status', 'Running');
  await expect.poll(() => screenText(page), { timeout: 30_000 }).toContain(`lab@${instanceId}:~$`);
  expect(await screenText(page)).toContain('Welcome to LabOS'); // the motd: read from the encrypted disk
  expect(emulatorFetches.length).toBeGreaterThan(0);
  const panel = page.getByTestId('hypervisor-panel');
  await expect(panel.getByTestId('machine-state')).toHaveAttribute('data-screen', 'running');
  await expect(panel.locator('[data-kind="key-fetched"]').first()).toBeVisible();
  await expect(panel.getByTestId('running-key-note')).toContainText('does not stop a running instance');

  // Keys typed while something else has focus stay out of the guest.
  await page.getByTestId('send-ctrl-alt-del').focus();
  await page.keyboard.type('zzqq');
  await page.waitForTimeout(500);
  expect(await screenText(page)).not.toContain('zzqq');

  // Click the screen and type: write a file, read it back.
  await screen.click();
  await expect(screen).toBeFocused();
  expect(await typeCommand(page, instanceId, 'write notes.txt hello')).toContain('written');
  expect(await typeCommand(page, instanceId, 'cat notes.txt')).toContain('hello');
  // Keys go by character: capitals and symbols come out as typed (v86 alone maps key positions, US layout).
  expect(await typeCommand(page, instanceId, 'write caps.txt Hello, World: "A@B" ~#')).toContain('written');
  expect(await typeCommand(page, instanceId, 'cat caps.txt')).toContain('Hello, World: "A@B" ~#');
  await shot(page, 'prompt-en');
  // Tab leaves the screen (no keyboard trap), and the guest never sees it.
  const beforeTab = await screenText(page);
  await page.keyboard.press('Tab');
  await expect(screen).not.toBeFocused();
  expect(await screenText(page)).toBe(beforeTab);
  await screen.focus();

  // sudo reboot: a power cycle through the KMS (another Decrypt), back to the prompt, the file still there.
  const fetchedBefore = await panel.locator('[data-kind="key-fetched"]').count();
  await page.keyboard.type('sudo reboot', { delay: 15 });
  await page.keyboard.press('Enter');
  await expect(panel.locator('[data-kind="power-off"]').first()).toContainText('the guest rebooted', { timeout: 10_000 });
  await expect.poll(() => panel.locator('[data-kind="key-fetched"]').count()).toBeGreaterThan(fetchedBefore);
  await expect.poll(async () => { const t = await screenText(page); return t.includes(`lab@${instanceId}:~$`) && !t.includes('cat notes.txt'); }, { timeout: 30_000 }).toBe(true);
  await screen.click();
  expect(await typeCommand(page, instanceId, 'cat notes.txt')).toContain('hello');

  // Send Ctrl+Alt+Del: the same power cycle, named as such.
  await page.getByTestId('send-ctrl-alt-del').click();
  await expect(panel.locator('[data-kind="power-off"]').first()).toContainText('Ctrl+Alt+Del', { timeout: 10_000 });
  await expect.poll(async () => { const t = await screenText(page); return t.includes(`lab@${instanceId}:~$`) && !t.includes('cat notes.txt'); }, { timeout: 30_000 }).toBe(true);
  await shot(page, 'after-ctrl-alt-del-en');

  // A reload is a host restart: no session in this tab until the machine is needed; the Lab console
  // actions open it headless (no console page), through the KMS again.
  await page.goto('./#/ecs/instances');
  await page.reload();
  await page.waitForFunction(() => 'aliyunLab' in window);
  await expect.poll(async () => (await consoleLines(page, instanceId)).some((l) => l.includes(`lab@${instanceId}:~$`)), { timeout: 30_000 }).toBe(true);
  const lines = await consoleLines(page, instanceId);
  expect(lines).toHaveLength(25);
  await call(page, 'Lab', 'SendConsoleText', { InstanceId: instanceId, Text: 'cat notes.txt\n' });
  await expect.poll(async () => (await consoleLines(page, instanceId)).join('\n'), { timeout: 10_000 }).toMatch(/cat notes\.txt\s*\n\s*hello/);

  // The console opened now shows the same machine (already at the prompt), with the host-restart fetch.
  await page.goto(`./#/ecs/instances/${instanceId}/console`);
  await expect.poll(() => screenText(page), { timeout: 10_000 }).toContain('hello');
  await expect(panel.locator('[data-kind="key-fetched"]').first()).toContainText('host restart');

  await call(page, 'Ecs', 'DeleteInstance', { InstanceId: instanceId, Force: true });
  await expect(panel.getByTestId('machine-state')).toHaveAttribute('data-screen', 'stopped', { timeout: 10_000 });
  await expect.poll(async () => (await screenText(page)).trim()).toBe('');
  expect(pageErrors).toEqual([]);
});

test('one tab runs an instance: another tab says so and its Lab console actions are refused, until the first tab closes and it takes over', async ({ context }) => {
  test.setTimeout(120_000);
  const first = await context.newPage();
  await first.goto('./#/ecs/instances');
  await first.waitForFunction(() => 'aliyunLab' in window);
  const instanceId = await launch(first);
  await first.goto(`./#/ecs/instances/${instanceId}/console`);
  await expect.poll(() => screenText(first), { timeout: 30_000 }).toContain(`lab@${instanceId}:~$`);

  const second = await context.newPage();
  const pageErrors: string[] = [];
  second.on('pageerror', (error) => pageErrors.push(error.message));
  await second.goto(`./#/ecs/instances/${instanceId}/console`);
  const state = second.getByTestId('hypervisor-panel').getByTestId('machine-state');
  await expect(state).toHaveAttribute('data-screen', 'other-tab');
  await expect(state).toContainText('running in another tab');
  expect((await screenText(second)).trim()).toBe('');
  await expect(second.getByTestId('send-ctrl-alt-del')).toBeDisabled();
  const refused = await callError(second, 'Lab', 'GetConsoleText', { InstanceId: instanceId });
  expect([refused.Code, refused.HttpStatus]).toEqual(['IncorrectInstanceStatus', 403]);
  expect(refused.Message).toContain('another tab');
  await second.screenshot({ path: 'test-results/console-other-tab-en.png', fullPage: true });

  // The first tab closes (its machine, keys and lock go with it): the second takes over, a host restart.
  await first.close();
  await expect(state).toHaveAttribute('data-screen', 'running', { timeout: 15_000 });
  await expect.poll(() => screenText(second), { timeout: 30_000 }).toContain(`lab@${instanceId}:~$`);
  await expect(second.getByTestId('hypervisor-events').locator('[data-kind="key-fetched"]').first()).toContainText('host restart');

  // In Japanese: the same page, every message translated.
  await second.getByRole('button', { name: '日本語' }).click();
  await expect(second.getByTestId('instance-console').getByRole('heading', { level: 2 })).toContainText('のコンソール');
  await expect(state).toContainText('このタブで動いています');
  await second.screenshot({ path: 'test-results/console-running-ja.png', fullPage: true });

  // poweroff in the guest: the machine goes, the instance is Stopped, the console says so and links back.
  await call(second, 'Lab', 'SendConsoleText', { InstanceId: instanceId, Text: 'poweroff\n' });
  await expect(state).toHaveAttribute('data-screen', 'stopped', { timeout: 15_000 });
  await expect(second.getByTestId('instance-status').getByTestId('status')).toHaveAttribute('data-status', 'Stopped');
  await expect(state.getByTestId('to-instance')).toHaveAttribute('href', `#/ecs/instances/${instanceId}`);
  expect((await screenText(second)).trim()).toBe('');
  await call(second, 'Ecs', 'DeleteInstance', { InstanceId: instanceId });
  expect(pageErrors).toEqual([]);
});
