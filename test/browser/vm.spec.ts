// The v86 adapter contract and the LabOS guest, in real Chromium (web/vm-harness.html boots the
// public image from an in-memory disk): prompt, commands that read and write the disks, the
// hypervisor sectors, and the black screen when no sector is ever answered.
import { expect, test, type Page } from '@playwright/test';

type Vm = {
  start(hostname?: string): Promise<void>; text(): string; type(t: string): Promise<void>; stop(): Promise<void>;
  hda: { bytes: Uint8Array; isFrozen: boolean; reads: number }; hdb: { bytes: Uint8Array }; mailbox: string[]; ioErrors: string[];
};
const vm = (page: Page) => ({
  text: () => page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.text()),
  prompts: async () => ((await page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.text())).match(/:~\$/g) ?? []).length,
});

async function run(page: Page, command: string): Promise<string> {
  const before = await vm(page).prompts();
  await page.evaluate((c) => (globalThis as unknown as { vm: Vm }).vm.type(`${c}\n`), command);
  await expect.poll(() => vm(page).prompts(), { timeout: 10_000 }).toBeGreaterThan(before);
  return vm(page).text();
}

test.beforeEach(async ({ page }) => {
  await page.goto('vm-harness.html');
  await page.waitForFunction(() => 'vm' in globalThis);
});

test('LabOS boots from hda to a prompt named by the hypervisor metadata, and its commands read and write both disks', async ({ page }) => {
  await page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.start('i-bp1abc'));
  await expect.poll(() => vm(page).text(), { timeout: 20_000 }).toContain('lab@i-bp1abc:~$');
  const boot = await vm(page).text();
  expect(boot).toContain('Welcome to LabOS'); // the motd, read from the disk's file table
  await page.waitForTimeout(300);
  expect(await run(page, 'ls')).toMatch(/readme\.txt\s+\d+ bytes/);
  expect(await run(page, 'write notes.txt hello from the guest')).toContain('written');
  expect(await run(page, 'cat notes.txt')).toContain('hello from the guest');
  const onDisk = await page.evaluate(() => new TextDecoder().decode((globalThis as unknown as { vm: Vm }).vm.hda.bytes));
  expect(onDisk).toContain('hello from the guest'); // persisted through the adapter's set()
  expect(await run(page, 'lsblk')).toMatch(/hda\s+8 MiB[\s\S]*hdb\s+4 MiB/);
  expect(await run(page, 'write hdb:data.txt on the data disk')).toContain('creating a file system on this disk');
  expect(await run(page, 'cat hdb:data.txt')).toContain('on the data disk');
  const onHdb = await page.evaluate(() => new TextDecoder().decode((globalThis as unknown as { vm: Vm }).vm.hdb.bytes));
  expect(onHdb).toContain('LABFS1');
  expect(await run(page, 'hostname')).toContain('i-bp1abc');
  const hdaMeta = await page.evaluate(() => new TextDecoder().decode((globalThis as unknown as { vm: Vm }).vm.hda.bytes.subarray(16 * 512, 17 * 512)));
  expect(hdaMeta).toContain('hostname=labos'); // the disk's own sector is not what the guest saw
  await page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.type('sudo reboot\n'));
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.mailbox)).toEqual(['REBOOT']);
  expect(await page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.ioErrors)).toEqual([]);
  await page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.stop());
});

test('a disk whose reads are never answered keeps the screen black: no BIOS banner, no text at all', async ({ page }) => {
  await page.evaluate(async () => {
    const v = (globalThis as unknown as { vm: Vm }).vm;
    v.hda.isFrozen = true;
    await v.start();
  });
  await page.waitForTimeout(4000);
  const text = await vm(page).text();
  expect(text.trim()).toBe('');
  expect(await page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.hda.reads)).toBeGreaterThan(0); // it asked, and waited
  await page.evaluate(() => (globalThis as unknown as { vm: Vm }).vm.stop());
});
