// When the audit trail cannot be written (issue 4 §8, T-39): a read-only call still answers and the
// console says so; a call that changes something fails and changes nothing.
import { expect, test } from '@playwright/test';

test.use({ locale: 'en-US' });

type Lab = { call(p: string, a: string, q?: object): Promise<Record<string, unknown>> };

test('a read whose audit record cannot be written answers and is reported on the page; a change fails closed', async ({ page }) => {
  await page.goto('./#/about');
  await page.waitForFunction(() => 'aliyunLab' in globalThis);
  await page.evaluate(() => (globalThis as unknown as { aliyunLab: Lab }).aliyunLab.call('Kms', 'ListKeys'));
  // From now on, IndexedDB refuses writes to the audit store (a full disk, say).
  await page.evaluate(() => {
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
        if (this.name === 'audit') throw new DOMException('audit writes refused by the test', 'UnknownError');
        return original.apply(this, args);
      } as typeof original;
    }
  });
  const listed = await page.evaluate(() => (globalThis as unknown as { aliyunLab: Lab }).aliyunLab.call('Kms', 'ListKeys'));
  expect(listed).toHaveProperty('Keys');
  const notice = page.getByTestId('audit-failure');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('ListKeys');

  const created = await page.evaluate(async () => {
    try {
      await (globalThis as unknown as { aliyunLab: Lab }).aliyunLab.call('Kms', 'CreateKey', { Description: 'never' });
      return 'created';
    } catch (error) {
      return (error as { Code: string }).Code;
    }
  });
  expect(created).not.toBe('created');
  await page.reload();
  await page.waitForFunction(() => 'aliyunLab' in globalThis);
  const keys = await page.evaluate(() => (globalThis as unknown as { aliyunLab: Lab }).aliyunLab.call('Kms', 'ListKeys'));
  expect((keys.Keys as { Key: unknown[] }).Key).toEqual([]);
});
