// Issue 4's end-to-end flow in the browser, as a visitor types it: create a key, encrypt in the
// terminal, disable it and see Rejected.Disabled (409), schedule deletion, advance the lab clock past
// the window, and see the key gone — from the terminal, the API and the KMS console — and its
// ciphertext undecryptable for good.
import { expect, test, type Page } from '@playwright/test';

test.use({ locale: 'en-US' });

async function run(page: Page, line: string): Promise<string> {
  const input = page.getByTestId('terminal-input');
  const before = await page.getByTestId('terminal-command').count();
  await input.fill(line);
  await input.press('Enter');
  await expect(page.getByTestId('terminal-command')).toHaveCount(before + 1);
  await expect(page.getByTestId('terminal-log')).toHaveAttribute('aria-busy', 'false');
  return page.getByTestId('terminal-log').evaluate((log) => {
    const commands = log.querySelectorAll('[data-testid="terminal-command"]');
    const parts: string[] = [];
    for (let el = commands[commands.length - 1]?.nextElementSibling; el; el = el.nextElementSibling) parts.push(el.textContent ?? '');
    return parts.join('\n');
  });
}

test('create, encrypt, disable (409), schedule deletion, advance the clock: the key is gone everywhere', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/kms');
  await page.getByTestId('terminal-toggle').click();

  const keyId = (JSON.parse(await run(page, 'aliyun kms CreateKey --Description lifecycle')) as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId;
  const blob = (JSON.parse(await run(page, `aliyun kms Encrypt --KeyId ${keyId} --Plaintext aGVsbG8=`)) as { CiphertextBlob: string }).CiphertextBlob;

  await run(page, `aliyun kms DisableKey --KeyId ${keyId}`);
  await run(page, `aliyun kms Encrypt --KeyId ${keyId} --Plaintext aGVsbG8=`);
  const refused = page.getByTestId('terminal-error').last();
  await expect(refused).toHaveAttribute('data-code', 'Rejected.Disabled');
  await expect(refused).toContainText('HTTP 409');

  const scheduled = JSON.parse(await run(page, `aliyun kms ScheduleKeyDeletion --KeyId ${keyId} --PendingWindowInDays 7`)) as Record<string, unknown>;
  expect(scheduled).toHaveProperty('RequestId');
  const pending = JSON.parse(await run(page, `aliyun kms DescribeKey --KeyId ${keyId}`)) as { KeyMetadata: { KeyState: string; DeleteDate: string } };
  expect(pending.KeyMetadata.KeyState).toBe('PendingDeletion');

  await run(page, 'aliyun lab AdvanceClock --Days 8');
  await run(page, `aliyun kms DescribeKey --KeyId ${keyId}`);
  await expect(page.getByTestId('terminal-error').last()).toHaveAttribute('data-code', 'Forbidden.KeyNotFound');
  await run(page, `aliyun kms Decrypt --CiphertextBlob ${blob}`);
  await expect(page.getByTestId('terminal-error').last()).toHaveAttribute('data-code', /^(Forbidden\.KeyNotFound|InvalidParameter)$/);

  // The console's key list no longer shows it, and the API agrees after a reload.
  await page.keyboard.press('Escape');
  await page.goto('./#/kms');
  await expect(page.getByTestId('no-keys').or(page.getByTestId('key-table'))).toBeVisible();
  await expect(page.getByTestId('kms-key-list').getByText(keyId)).toHaveCount(0);
  await page.reload();
  const after = await page.evaluate(async (id) => {
    try {
      await (globalThis as unknown as { aliyunLab: { call(p: string, a: string, q: object): Promise<unknown> } }).aliyunLab.call('Kms', 'DescribeKey', { KeyId: id });
      return 'found';
    } catch (error) {
      return (error as { Code: string }).Code;
    }
  }, keyId);
  expect(after).toBe('Forbidden.KeyNotFound');
  expect(pageErrors).toEqual([]);
});
