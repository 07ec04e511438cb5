// The KMS console as a person uses it: create a key, find it in the list, open it, add an alias
// (a bad name and a taken name are refused with messages), disable it behind the dependents
// confirmation, see Encrypt through window.aliyunLab rejected with Rejected.Disabled (409),
// schedule deletion with a 7-day window, cancel it, then the same pages in Japanese; and the audit
// trail listing such calls with an intact hash chain. Screenshots go to test-results/.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

test.use({ locale: 'en-US' });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/kms-${name}.png`, fullPage: true });

type Lab = { aliyunLab: { call(product: string, action: string, params?: unknown): Promise<Record<string, unknown>> } };

/** Encrypt through the JS API; the rejection's Code and HttpStatus, or undefined on success. */
function encryptRejection(page: Page, keyId: string) {
  return page.evaluate(async (id) => {
    try {
      await (window as unknown as Lab).aliyunLab.call('Kms', 'Encrypt', { KeyId: id, Plaintext: 'aGVsbG8=' });
      return undefined;
    } catch (error) {
      const e = error as { Code: string; HttpStatus: number };
      return { Code: e.Code, HttpStatus: e.HttpStatus };
    }
  }, keyId);
}

test('KMS console: create, alias, disable with dependents, Rejected.Disabled, schedule and cancel deletion, Japanese', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/kms');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('KMS keys');
  await expect(page.getByRole('link', { name: 'KMS keys' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('no-keys')).toBeVisible();

  // Create: a rotation interval out of range is refused in the form, then a valid key is created.
  await page.getByTestId('open-create-key').click();
  const form = page.getByTestId('create-key-form');
  await form.getByLabel(/Description/).fill('e2e demo key');
  await form.getByLabel('Rotate automatically').check();
  await form.getByLabel(/Rotation interval/).fill('400');
  await page.getByTestId('create-key-submit').click();
  await expect(form.getByTestId('field-error')).toHaveText('Enter a whole number of days from 7 to 365.');
  await form.getByLabel(/Rotation interval/).fill('30');
  await page.getByTestId('create-key-submit').click();
  await expect(page.getByTestId('key-created')).toBeVisible();
  const row = page.getByTestId('key-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('key-state')).toHaveAttribute('data-state', 'Enabled');
  await expect(row).toContainText('e2e demo key');
  await expect(row).toContainText('every 30 days');
  const keyId = await row.getAttribute('data-key-id');
  expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
  await shot(page, 'list-en');

  // Open it.
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/kms/keys/${keyId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(keyId!);
  await expect(page.getByTestId('key-metadata').locator('[data-field="Description"]')).toContainText('e2e demo key');

  // Alias: the reserved prefix is refused in the form; a good one is added; the same one again is the cloud's AliasAlreadyExists.
  const aliases = page.getByTestId('aliases-panel');
  await aliases.getByTestId('alias-input').fill('acs/mine');
  await aliases.getByTestId('alias-add').click();
  await expect(aliases.getByTestId('field-error')).toContainText('reserved');
  await aliases.getByTestId('alias-input').fill('e2e-demo');
  await aliases.getByTestId('alias-add').click();
  await expect(aliases.getByTestId('alias-list')).toContainText('alias/e2e-demo');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('alias/e2e-demo');
  await aliases.getByTestId('alias-input').fill('e2e-demo');
  await aliases.getByTestId('alias-add').click();
  await expect(aliases.getByTestId('cloud-error')).toHaveAttribute('data-code', 'AliasAlreadyExists');
  await expect(aliases.getByTestId('alias-list').locator('li')).toHaveCount(1);

  // Disable: the confirmation says what depends on the key and names it.
  const statePanel = page.getByTestId('key-state-panel');
  await statePanel.getByRole('button', { name: 'Disable key…' }).click();
  const confirm = page.getByTestId('dependents-confirm');
  await expect(confirm.getByTestId('dependents-none')).toHaveText('No disks, snapshots, images or instances use this key yet.');
  await expect(confirm.getByTestId('confirm-button')).toHaveText('Disable alias/e2e-demo');
  await shot(page, 'confirm-disable-en');
  await confirm.getByTestId('confirm-button').click();
  await expect(page.getByRole('heading', { level: 1 }).getByTestId('key-state')).toHaveAttribute('data-state', 'Disabled');
  await expect(confirm).toHaveCount(0);

  // The JS API: Encrypt under a disabled key.
  expect(await encryptRejection(page, 'alias/e2e-demo')).toEqual({ Code: 'Rejected.Disabled', HttpStatus: 409 });

  // Schedule deletion with a 7-day window (6 is refused in the form), then cancel it.
  await statePanel.getByRole('button', { name: 'Schedule deletion…' }).click();
  await confirm.getByTestId('deletion-days').fill('6');
  await confirm.getByTestId('confirm-button').click();
  await expect(confirm.getByTestId('field-error')).toHaveText('Enter a whole number of days from 7 to 366.');
  await confirm.getByTestId('deletion-days').fill('7');
  await confirm.getByTestId('confirm-button').click();
  await expect(page.getByRole('heading', { level: 1 }).getByTestId('key-state')).toHaveAttribute('data-state', 'PendingDeletion');
  await expect(statePanel).toContainText('destroyed for good');
  await expect(page.getByTestId('key-metadata').locator('[data-field="DeleteDate"]')).toBeVisible();
  await shot(page, 'pending-deletion-en');
  await statePanel.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(page.getByRole('heading', { level: 1 }).getByTestId('key-state')).toHaveAttribute('data-state', 'Enabled');

  // Japanese.
  await page.getByRole('link', { name: 'KMS keys', exact: true }).click();
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('KMS キー');
  await expect(page.getByTestId('key-table').getByTestId('key-state')).toHaveText('有効');
  await shot(page, 'list-ja');
  await page.getByTestId('key-table').getByRole('link', { name: 'alias/e2e-demo' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'エイリアス' })).toBeVisible();
  await page.getByTestId('key-state-panel').getByRole('button', { name: 'キーを無効にする…' }).click();
  await expect(page.getByTestId('dependents-none')).toHaveText('このキーを使っているディスク、スナップショット、イメージ、インスタンスはまだありません。');
  await shot(page, 'confirm-disable-ja');
  await page.getByTestId('dependents-confirm').getByRole('button', { name: 'キャンセル' }).click();
  await page.getByTestId('aliases-panel').getByTestId('alias-input').fill('e2e-demo');
  await page.getByTestId('aliases-panel').getByTestId('alias-add').click();
  const error = page.getByTestId('aliases-panel').getByTestId('cloud-error');
  await expect(error).toContainText('The specified alias alias/e2e-demo already exists.');
  await expect(error).toContainText('このエイリアスは既に別のキーを指しています。'); // the lab's one explanation table (web/ui/errors)
  await shot(page, 'detail-ja');
  expect(pageErrors).toEqual([]);
});

// The audit trail reads records through the AuditReader port that main.tsx provides.
test('audit trail: console and API calls listed with an intact chain, filters, JSON export, key records, Japanese', async ({ page }) => {
  await page.goto('./#/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
  await expect(page.getByTestId('audit-unavailable')).toHaveCount(0);

  // Calls: a key created in the console, an alias and DisableKey through the API, Encrypt rejected,
  // deletion scheduled in the console and cancelled.
  await page.getByRole('link', { name: 'KMS keys', exact: true }).click();
  await page.getByTestId('open-create-key').click();
  await page.getByTestId('create-key-submit').click();
  await expect(page.getByTestId('key-created')).toBeVisible();
  const keyId = (await page.getByTestId('key-created').locator('code').textContent())!;
  await page.evaluate(async (id) => {
    const lab = (window as unknown as Lab).aliyunLab;
    await lab.call('Kms', 'CreateAlias', { AliasName: 'alias/audit-demo', KeyId: id });
    await lab.call('Kms', 'DisableKey', { KeyId: id });
  }, keyId);
  expect(await encryptRejection(page, keyId)).toEqual({ Code: 'Rejected.Disabled', HttpStatus: 409 });
  await page.getByTestId('key-created').getByRole('link').click();
  const statePanel = page.getByTestId('key-state-panel');
  await statePanel.getByRole('button', { name: 'Schedule deletion…' }).click();
  await page.getByTestId('deletion-days').fill('7');
  await page.getByTestId('confirm-button').click();
  await expect(page.getByRole('heading', { level: 1 }).getByTestId('key-state')).toHaveAttribute('data-state', 'PendingDeletion');
  await statePanel.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(page.getByRole('heading', { level: 1 }).getByTestId('key-state')).toHaveAttribute('data-state', 'Enabled');

  // The key's own records (changes and key use; reads on request).
  const keyAudit = page.getByTestId('key-audit-panel');
  await expect(keyAudit.locator('tr[data-action="CancelKeyDeletion"]')).toHaveCount(1);
  await expect(keyAudit.locator('tr[data-action="DescribeKey"]')).toHaveCount(0);
  await keyAudit.getByLabel(/Include reads/).check();
  await expect(keyAudit.locator('tr[data-action="DescribeKey"]').first()).toBeVisible();

  // The whole trail: these changes in order, an intact chain, the failure by filter, an export.
  await page.getByRole('link', { name: 'Audit trail', exact: true }).click();
  await expect(page.getByTestId('chain-check')).toHaveAttribute('data-state', 'intact');
  await page.getByTestId('filter-kind').selectOption('change');
  const actions = await page.getByTestId('audit-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
  expect(actions).toEqual(['CancelKeyDeletion', 'ScheduleKeyDeletion', 'DisableKey', 'CreateAlias', 'CreateKey']);
  await page.getByTestId('filter-kind').selectOption('');
  await page.getByTestId('filter-outcome').selectOption('Failure');
  await page.getByTestId('filter-action').selectOption('Encrypt');
  const failed = page.getByTestId('audit-table').locator('tbody tr');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('Rejected.Disabled');
  await expect(failed).toContainText(keyId);
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-trail-.*\.json$/);
  const exported = JSON.parse(await readFile(await file.path(), 'utf8'));
  expect(exported.Count).toBe(1);
  expect(exported.Records[0]).toMatchObject({ action: 'Encrypt', outcome: 'Failure', errorCode: 'Rejected.Disabled', keyId });
  await page.getByTestId('filter-outcome').selectOption('');
  await page.getByTestId('filter-action').selectOption('');
  await shot(page, 'audit-en');

  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('監査ログ');
  await expect(page.getByTestId('chain-check')).toContainText('ハッシュチェーンは完全です');
  await expect(page.getByTestId('audit-count')).toContainText('件');
  await shot(page, 'audit-ja');
});

test('import wizard: an EXTERNAL key waits in PendingImport, takes material wrapped in the browser, and is Enabled (phone width)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#/kms');
  await page.getByTestId('open-create-key').click();
  await page.getByLabel(/you import your own key material/).check();
  await page.getByTestId('create-key-submit').click();
  await page.getByTestId('key-created').getByRole('link').click();
  const state = page.getByRole('heading', { level: 1 }).getByTestId('key-state');
  await expect(state).toHaveAttribute('data-state', 'PendingImport');
  const wizard = page.getByTestId('import-panel');
  await wizard.getByLabel('RSAES_OAEP_SHA_1').check();
  await wizard.getByTestId('import-get-parameters').click();
  await expect(wizard.getByTestId('import-token')).toBeVisible({ timeout: 20_000 });
  await wizard.getByLabel(/wrapped material elsewhere/).check();
  await expect(wizard.getByTestId('openssl-commands')).toContainText('rsa_oaep_md:sha1');
  await wizard.getByTestId('import-submit').click();
  await expect(wizard.getByTestId('field-error')).toHaveText('Paste the Base64 text of the wrapped material.');
  await wizard.getByLabel(/Generate the material in this browser/).check();
  await wizard.getByTestId('import-generate').click();
  await expect(wizard.getByRole('status').filter({ hasText: 'Wrapped:' })).toContainText('256 bytes');
  await expect(wizard.getByTestId('field-error')).toHaveCount(0);
  await wizard.getByLabel(/Expires after/).fill('30');
  await shot(page, 'import-phone-en');
  await wizard.getByTestId('import-submit').click();
  await expect(state).toHaveAttribute('data-state', 'Enabled');
  await expect(page.getByTestId('key-metadata').locator('[data-field="MaterialExpireTime"] time')).toBeVisible();
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByTestId('import-panel').getByRole('heading', { level: 2 })).toHaveText('キーマテリアルのインポート（BYOK）');
  await shot(page, 'detail-phone-ja');
});
