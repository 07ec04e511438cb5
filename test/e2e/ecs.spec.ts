// The ECS console end to end (issue 5 item 15, browser part): create two CMKs, try an encrypted ESSD
// disk under the first, get asked to authorize ECS's service role, authorize, see the disk with its
// resolved KMSKeyId, write a file's sector into it (Lab.WriteDiskSectors), snapshot it, copy the
// snapshot under the second key, make a disk from the copy, and see in the console that the guest
// view (plaintext) is the same and the stored bytes differ; the lineage graph; then Japanese.
import { expect, test, type Page } from '@playwright/test';

test.use({ locale: 'en-US' });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/ecs-${name}.png`, fullPage: true });

type Lab = { aliyunLab: { call(product: string, action: string, params?: unknown): Promise<Record<string, unknown>> } };

function call(page: Page, product: string, action: string, params: Record<string, unknown> = {}) {
  return page.evaluate(([p, a, q]) => (window as unknown as Lab).aliyunLab.call(p as string, a as string, q), [product, action, params] as const);
}

/** The fixture "file": one sector of text, padded with zeros, as Base64. */
const FILE_TEXT = 'hello from the ECS e2e test: the same plaintext through every copy\n';
const FILE_BASE64 = Buffer.concat([Buffer.from(FILE_TEXT), Buffer.alloc(512 - FILE_TEXT.length)]).toString('base64');

async function readSector(page: Page): Promise<{ guest: string; physical: string; text: string }> {
  const peek = page.getByTestId('sector-peek');
  await peek.getByTestId('peek-read').click();
  await expect(peek.getByTestId('peek-guest')).toBeVisible();
  return {
    guest: (await peek.getByTestId('peek-guest').getAttribute('data-sha256'))!,
    physical: (await peek.getByTestId('peek-physical').getAttribute('data-sha256'))!,
    text: (await peek.getByTestId('peek-text').textContent())!,
  };
}

test('ECS console: authorize, encrypted disk, snapshot, copy under another key, same plaintext, different bytes, lineage, Japanese', async ({ page }) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/ecs/disks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ECS block storage');
  await expect(page.getByRole('link', { name: 'ECS storage' })).toHaveAttribute('aria-current', 'page');
  const keyA = ((await call(page, 'Kms', 'CreateKey', { Description: 'ecs e2e key A' })).KeyMetadata as { KeyId: string }).KeyId;
  const keyB = ((await call(page, 'Kms', 'CreateKey', { Description: 'ecs e2e key B' })).KeyMetadata as { KeyId: string }).KeyId;

  // The form: ESSD, a size out of range is refused with the range, the default rule is the service key.
  await page.getByTestId('open-create-disk').click();
  const form = page.getByTestId('create-disk-form');
  await expect(form.getByTestId('size-range')).toContainText('20–65,536 GiB');
  await form.getByTestId('size-input').fill('5');
  await form.getByTestId('create-disk-submit').click();
  await expect(form.getByTestId('size-error')).toContainText('20–65,536');
  await form.getByTestId('size-input').fill('20');
  await form.getByTestId('encrypted-checkbox').check();
  await expect(form.getByTestId('key-rule')).toHaveAttribute('data-rule', 'service-key');
  await expect(form.getByTestId('key-rule')).toContainText('alias/acs/ecs');
  await form.getByTestId('key-select').selectOption(keyA);
  await shot(page, 'create-form-en');

  // First use of a CMK: the cloud refuses with KMSUnauthorized and the console offers to authorize.
  await form.getByTestId('create-disk-submit').click();
  await expect(form.getByTestId('authorize-step')).toBeVisible();
  await expect(form.getByTestId('create-disk-error')).toHaveAttribute('data-code', 'InvalidParameter.KMSKeyId.KMSUnauthorized');
  await shot(page, 'authorize-en');
  await form.getByTestId('authorize').click();
  const created = page.getByTestId('disk-created');
  await expect(created).toBeVisible();
  await expect(created.getByTestId('resolved-key')).toHaveText(keyA);
  const diskA = (await created.getAttribute('data-disk-id'))!;
  await expect(page.getByTestId('disk-table').locator(`tr[data-disk-id="${diskA}"]`)).toContainText('Encrypted');

  // A file's first sector, written as the guest would.
  await call(page, 'Lab', 'WriteDiskSectors', { DiskId: diskA, Sector: 0, DataBase64: FILE_BASE64 });

  // Snapshot it from the disk's page.
  await created.getByRole('link', { name: diskA }).click();
  await expect(page.getByTestId('disk-key')).toHaveText(keyA);
  const original = await readSector(page);
  expect(original.text).toContain('hello from the ECS e2e test');
  expect(original.physical).not.toBe(original.guest);
  await page.getByTestId('snapshot-name').fill('e2e-snapshot');
  await page.getByTestId('create-snapshot').click();
  await page.getByTestId('snapshot-created').getByRole('link').click();
  await expect(page.getByTestId('ecs-snapshot-detail').getByTestId('status').first()).toHaveAttribute('data-status', 'accomplished');

  // Copy the snapshot under key B: encryption is forced (the source is encrypted), the key is chosen.
  const copy = page.getByTestId('copy-form');
  await expect(copy.getByTestId('copy-encrypted')).toBeChecked();
  await expect(copy.getByTestId('copy-encrypted')).toBeDisabled();
  await copy.getByTestId('copy-name').fill('e2e-copy-under-b');
  await copy.getByTestId('key-select').selectOption(keyB);
  await copy.getByTestId('copy-submit').click();
  const started = page.getByTestId('copy-started');
  await expect(started).toBeVisible();
  const copyId = (await started.getAttribute('data-id'))!;
  await started.getByRole('link').click();
  await expect(page.getByTestId('snapshot-id')).toHaveText(copyId);
  await expect(page.getByTestId('ecs-snapshot-detail').getByTestId('status').first()).toHaveAttribute('data-status', 'accomplished', { timeout: 30_000 });
  await expect(page.getByTestId('ecs-snapshot-detail').getByTestId('encrypted')).toHaveAttribute('data-key-id', keyB);

  // A disk from the copy: the rule names the copy's own key.
  await page.getByTestId('disk-from-snapshot').click();
  const form2 = page.getByTestId('create-disk-form');
  await expect(form2.getByTestId('snapshot-select')).toHaveValue(copyId);
  await expect(form2.getByTestId('encrypted-checkbox')).toBeChecked();
  await expect(form2.getByTestId('key-rule')).toHaveAttribute('data-rule', 'snapshot-key');
  await shot(page, 'disk-from-copy-en');
  await form2.getByTestId('create-disk-submit').click();
  await expect(page.getByTestId('disk-created').getByTestId('resolved-key')).toHaveText(keyB);
  const diskB = (await page.getByTestId('disk-created').getAttribute('data-disk-id'))!;
  await page.getByTestId('disk-created').getByRole('link', { name: diskB }).click();
  await expect(page.getByTestId('disk-key')).toHaveText(keyB);
  await expect(page.getByTestId('ecs-disk-detail').getByTestId('status').first()).toHaveAttribute('data-status', 'Available', { timeout: 30_000 });

  // Same plaintext, different stored bytes.
  const copied = await readSector(page);
  expect(copied.guest).toBe(original.guest);
  expect(copied.text).toContain('hello from the ECS e2e test');
  expect(copied.physical).not.toBe(original.physical);
  await shot(page, 'disk-b-en');

  // Filter by key B: only the second disk.
  await page.goto('./#/ecs/disks');
  await page.getByTestId('filter-key').selectOption(keyB);
  await expect(page.getByTestId('disk-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('disk-table').locator(`tr[data-disk-id="${diskB}"]`)).toBeVisible();

  // The lineage: key A → data key → disk A → snapshot → copy (new data key under B) → disk B.
  await page.goto('./#/ecs/lineage');
  const graph = page.getByTestId('lineage-graph');
  await expect(graph.locator(`[data-node="key:${keyA}"]`)).toBeVisible();
  await expect(graph.locator(`[data-node="key:${keyB}"]`)).toBeVisible();
  await expect(graph.locator(`[data-edge="${copyId}>${diskB}"]`)).toHaveCount(1);
  await expect(graph.locator(`[data-edge="key:${keyB}>dk:${copyId}"]`)).toHaveCount(1);
  await shot(page, 'lineage-en');
  await graph.locator(`[data-node="${diskB}"] a`).click();
  await expect(page.getByTestId('disk-id')).toHaveText(diskB);

  // Disabling key A marks disk A unreadable.
  await call(page, 'Kms', 'DisableKey', { KeyId: keyA });
  await page.goto('./#/ecs/disks');
  await page.getByTestId('filter-key').selectOption('');
  await expect(page.getByTestId('disk-table').locator(`tr[data-disk-id="${diskA}"]`).getByTestId('key-health')).toHaveAttribute('data-health', 'unreadable');
  await shot(page, 'disks-en');

  // Japanese.
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ECS ブロックストレージ');
  await expect(page.getByTestId('disk-table').locator(`tr[data-disk-id="${diskA}"]`).getByTestId('key-health')).toHaveText('読み取り不可');
  await shot(page, 'disks-ja');
  await page.getByTestId('open-create-disk').click();
  await page.getByTestId('create-disk-form').getByTestId('encrypted-checkbox').check();
  await expect(page.getByTestId('create-disk-form').getByTestId('key-rule')).toContainText('サービスキー');
  await shot(page, 'create-form-ja');
  await page.goto('./#/ecs/lineage');
  await expect(page.getByTestId('lineage-graph')).toBeVisible();
  await shot(page, 'lineage-ja');
  await page.goto('./#/ecs/encryption');
  await expect(page.getByTestId('default-status')).toHaveAttribute('data-on', 'false');
  await shot(page, 'settings-ja');
  expect(pageErrors).toEqual([]);
});
