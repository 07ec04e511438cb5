// The terminal and the header's lab bar as a visitor uses them: open the terminal from the
// keyboard, create a key and an alias, encrypt, disable the key and read Rejected.Disabled (409)
// with a Japanese explanation, --help, history with ↑, and advance the lab clock 7 days from the header.
import { expect, test, type Page } from '@playwright/test';

test.use({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });

async function run(page: Page, line: string) {
  const input = page.getByTestId('terminal-input');
  const before = await page.getByTestId('terminal-command').count();
  await input.fill(line);
  await input.press('Enter');
  await expect(page.getByTestId('terminal-command')).toHaveCount(before + 1);
  await expect(page.getByTestId('terminal-log')).toHaveAttribute('aria-busy', 'false');
}

/** The text printed after the last command. */
async function lastOutput(page: Page): Promise<string> {
  return page.getByTestId('terminal-log').evaluate((log) => {
    const commands = log.querySelectorAll('[data-testid="terminal-command"]');
    const parts: string[] = [];
    for (let el = commands[commands.length - 1]?.nextElementSibling; el; el = el.nextElementSibling) parts.push(el.textContent ?? '');
    return parts.join('\n');
  });
}

test('terminal: keys, alias, encrypt, Rejected.Disabled explained in Japanese, help, history, clock', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/about');
  await expect(page.getByTestId('lab-time')).toHaveText(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  // The ` key opens the terminal from the page, its input takes focus; a typed ` in a field does not.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Backquote');
  const input = page.getByTestId('terminal-input');
  await expect(input).toBeFocused();
  await expect(page.getByRole('log', { name: 'Terminal output' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'aliyun command' })).toBeVisible();

  await run(page, 'aliyun kms CreateKey --Description demo');
  const created = JSON.parse(await lastOutput(page)) as { KeyMetadata: { KeyId: string; Description: string; KeyState: string } };
  expect(created.KeyMetadata).toMatchObject({ Description: 'demo', KeyState: 'Enabled' });
  const keyId = created.KeyMetadata.KeyId;

  await run(page, `aliyun kms CreateAlias --AliasName alias/demo --KeyId ${keyId}`);
  expect(JSON.parse(await lastOutput(page))).toHaveProperty('RequestId');

  await run(page, 'aliyun kms Encrypt --KeyId alias/demo --Plaintext aGVsbG8=');
  const encrypted = JSON.parse(await lastOutput(page)) as Record<string, string>;
  expect(encrypted.CiphertextBlob).toMatch(/^[A-Za-z0-9+/]+=*$/);
  expect(encrypted.KeyId).toBe(keyId);
  await page.screenshot({ path: 'test-results/terminal-en.png' });

  await run(page, `aliyun kms DisableKey --KeyId ${keyId}`);
  await run(page, 'aliyun kms Encrypt --KeyId alias/demo --Plaintext aGVsbG8=');
  const error = page.getByTestId('terminal-error').last();
  await expect(error).toHaveAttribute('data-code', 'Rejected.Disabled');
  await expect(error).toContainText('HTTP 409');
  await expect(error).toContainText('"HttpStatus": 409');
  await expect(error).toContainText('"RequestId"');
  await expect(error.getByTestId('error-explanation')).toContainText('EnableKey');

  // In Japanese the explanation beside the cloud's English body is Japanese; the body stays English.
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(error.getByTestId('error-explanation')).toContainText('キーが無効化されている');
  await expect(error).toContainText('The request is rejected because the key state is Disabled.');
  await expect(page.getByRole('log', { name: 'ターミナルの出力' })).toBeVisible();
  await page.screenshot({ path: 'test-results/terminal-ja.png' });

  // --help lists the product's actions.
  await run(page, 'aliyun kms --help');
  const help = await lastOutput(page);
  for (const action of ['CreateKey', 'Encrypt', 'DisableKey', 'ScheduleKeyDeletion']) expect(help).toContain(action);

  // ↑ recalls the last command, ↑ again the one before.
  await input.press('ArrowUp');
  await expect(input).toHaveValue('aliyun kms --help');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('aliyun kms Encrypt --KeyId alias/demo --Plaintext aGVsbG8=');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('');

  // Tab completes an action name.
  await input.fill('aliyun kms DisableK');
  await input.press('Tab');
  await expect(input).toHaveValue('aliyun kms DisableKey ');
  await expect(input).toBeFocused();
  await input.fill('');

  // What is stored for the next visit holds no plaintext.
  const stored = await page.evaluate(() => localStorage.getItem('disk-encryption-lab.terminal') ?? '');
  expect(stored).toContain('Rejected.Disabled');
  expect(stored).not.toContain('aGVsbG8=');

  // Esc closes the terminal; focus goes back to the page.
  await input.press('Escape');
  await expect(page.getByTestId('terminal')).toHaveCount(0);

  // Advance the clock 7 days from the header and see lab time move.
  const before = Date.parse((await page.getByTestId('lab-time').getAttribute('datetime'))!);
  await page.getByTestId('advance-toggle').click();
  await expect(page.getByText('Lab time only moves forward').or(page.getByText('ラボ時刻は進むだけ'))).toBeVisible();
  await page.screenshot({ path: 'test-results/lab-bar-ja.png' });
  await page.getByTestId('advance-7d-0h').click();
  await expect.poll(async () => Date.parse((await page.getByTestId('lab-time').getAttribute('datetime'))!) - before)
    .toBeGreaterThanOrEqual(7 * 86_400_000);
  await expect(page.getByTestId('lab-clock-ahead')).toContainText('7日');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('advance-toggle')).toBeFocused();

  expect(pageErrors).toEqual([]);
});

test('terminal: the ` key never fires from a field, the toggle works, history survives a reload without plaintext', async ({ page }) => {
  await page.goto('./#/about');
  await page.getByTestId('terminal-toggle').click();
  const input = page.getByTestId('terminal-input');
  await expect(input).toBeFocused();
  await run(page, 'aliyun kms GenerateDataKey --KeyId alias/nothing');
  await expect(page.getByTestId('terminal-error').last()).toHaveAttribute('data-code', 'Forbidden.AliasNotFound');
  await run(page, 'aliyun kms Encrypt --KeyId x --Plaintext c2VjcmV0');
  // Typing ` inside the terminal's input is just a character.
  await input.pressSequentially('echo `x`');
  await expect(input).toHaveValue('echo `x`');
  await expect(page.getByTestId('terminal')).toBeVisible();
  await input.fill('');

  await page.reload();
  await expect(page.getByTestId('terminal')).toHaveCount(0);
  await page.getByTestId('terminal-toggle').click();
  await expect(page.getByTestId('terminal-log')).toContainText('Forbidden.AliasNotFound');
  await expect(page.getByTestId('terminal-log')).toContainText('from an earlier visit');
  await expect(page.getByTestId('terminal-log')).not.toContainText('c2VjcmV0');
  await page.getByTestId('terminal-input').press('ArrowUp');
  await expect(page.getByTestId('terminal-input')).toHaveValue(/--Plaintext '\[redacted/);

  // The account switcher shows the current account and switches it.
  const select = page.getByTestId('account-select');
  await expect(select).toHaveValue('1642381209784201');
  await select.selectOption('1976043571238805');
  await run(page, 'aliyun lab ListAccounts');
  expect(JSON.parse(await lastOutput(page)).Accounts[1]).toMatchObject({ AccountId: '1976043571238805', Current: true });

  // Reset lab, behind its confirmation, brings back the first account.
  await page.getByTestId('reset-lab').click();
  await page.getByTestId('reset-lab-yes').click();
  await expect(select).toHaveValue('1642381209784201');
});
