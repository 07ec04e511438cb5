// ReplaceSystemDisk (cloud-api.md §2.6; product.md "Converting an unencrypted disk"): a Stopped instance
// gets a new system disk (a new DiskId) from an image — the current one by default, or an encrypted copy,
// which is how an unencrypted system disk becomes encrypted — with Encrypted, the key chooser and its
// rule, and the size. The old system disk is released. KMSUnauthorized brings the authorize step.
import { For, Show, createMemo, createSignal, createUniqueId, onMount } from 'solid-js';
import type { PerformanceLevel } from '../../core/ecs/catalogue';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { AuthorizeStep } from './AuthorizeStep';
import { createEcsAction } from './ecs-action';
import type { Disk, EcsClient, Image, Instance, KeyInfo, RegionInfo } from './ecs-client';
import { ecsHref } from './ecs-route';
import { InstanceDiskFields } from './InstanceDiskFields';
import {
  checkSystemSize, defaultSystemSize, effectiveEncryption, familyBlockedReason, systemCategories, systemDiskRule,
  systemEncryptionBlockedReason, systemSizeRange,
} from './instance-rules';
import type { AccountDefault } from './key-rules';

export interface InstanceReplaceSystemDiskFormProps {
  client: EcsClient;
  instance: Instance;
  systemDisk?: Disk;
  keys: readonly KeyInfo[];
  region?: RegionInfo;
  regionId?: string;
  isStopped: boolean;
}

export function InstanceReplaceSystemDiskForm(props: InstanceReplaceSystemDiskFormProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [images, setImages] = createSignal<Image[]>([]);
  const [imageId, setImageId] = createSignal(props.systemDisk?.ImageId || props.instance.ImageId);
  const [accountDefault, setAccountDefault] = createSignal<AccountDefault>();
  const [size, setSize] = createSignal('');
  const [sizeError, setSizeError] = createSignal<string>();
  const [isChecked, setChecked] = createSignal(false);
  const [keyId, setKeyId] = createSignal('');
  const [needsRole, setNeedsRole] = createSignal(false);
  const [newDiskId, setNewDiskId] = createSignal<string>();
  const load = createEcsAction();
  const action = createEcsAction();

  onMount(() => void load.run(async () => {
    setImages(await props.client.launchImages(props.regionId));
    if (props.region?.EncryptionSupported !== false) {
      const on = (await props.client.ecs('DescribeDiskEncryptionByDefaultStatus', {}, props.regionId)).Encrypted === true;
      const key = on ? await props.client.ecs('DescribeDiskDefaultKMSKeyId', {}, props.regionId) : undefined;
      setAccountDefault({ Encrypted: on, KMSKeyId: key?.KMSKeyId as string | undefined });
    }
  }));

  const image = () => images().find((i) => i.ImageId === imageId());
  const rule = createMemo(() => systemDiskRule(image(), accountDefault()));
  // The new system disk keeps the category and performance level of the one it replaces.
  const level = () => (props.systemDisk?.PerformanceLevel ?? 'PL1') as PerformanceLevel;
  const category = () => systemCategories(level()).find((c) => c.DiskCategory === (props.systemDisk?.Category ?? 'cloud_essd'));
  const range = () => systemSizeRange(category() ?? { min: 1, max: 2048 }, image()?.Size);
  const blocked = () => systemEncryptionBlockedReason(props.region, props.instance.ZoneId, category(), false)
    ?? familyBlockedReason(props.instance.InstanceTypeFamily, true);
  const encrypted = () => effectiveEncryption({ isForced: rule().isEncryptionForced, isChecked: isChecked(), blockedReason: blocked() });

  const submit = async (event?: SubmitEvent, isRetry = false) => {
    event?.preventDefault();
    const checked = checkSystemSize(size(), range());
    if ('errorKey' in checked) {
      setSizeError(t(checked.errorKey, checked.params));
      queueMicrotask(() => document.getElementById(`${id}-sys-size`)?.focus());
      return;
    }
    setSizeError(undefined);
    setNewDiskId(undefined);
    const params: Record<string, unknown> = {
      InstanceId: props.instance.InstanceId, ...(imageId() ? { ImageId: imageId() } : {}), ...(checked.size !== undefined ? { 'SystemDisk.Size': checked.size } : {}),
      ...(encrypted() ? { Encrypted: true } : {}), ...(encrypted() && keyId() ? { KMSKeyId: keyId() } : {}),
    };
    const done = await action.run(() => props.client.ecs('ReplaceSystemDisk', params, props.regionId));
    if (done) {
      setNeedsRole(false);
      setNewDiskId(String(done.value.DiskId));
    } else if (!isRetry && action.error()?.Code === 'InvalidParameter.KMSKeyId.KMSUnauthorized') {
      setNeedsRole(true);
    }
  };

  return (
    <form class="panel kms-form ecs-form instance-replace" aria-labelledby={`${id}-title`} noValidate onSubmit={(e) => void submit(e)} data-testid="replace-system-disk-form">
      <h3 id={`${id}-title`}>{t('instances.replace.title')}</h3>
      <p class="ecs-small">{t('instances.replace.intro')}</p>
      <Show when={props.isStopped} fallback={<p class="muted" data-testid="replace-needs-stopped">{t('instances.replace.stopFirst')}</p>}>
        <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
        <div class="kms-field">
          <label for={`${id}-image`}>{t('instances.col.image')}</label>
          <select id={`${id}-image`} value={imageId()} onChange={(e) => setImageId(e.currentTarget.value)} data-testid="replace-image">
            <Show when={!images().some((i) => i.ImageId === imageId())}><option value={imageId()}>{imageId()}</option></Show>
            <For each={images()}>
              {(i) => (
                <option value={i.ImageId} selected={imageId() === i.ImageId}>
                  {i.ImageName || i.ImageId} — {t(`ecs.images.${i.ImageOwnerAlias as 'self' | 'others' | 'system'}`)}{i.Encrypted ? ` · ${t('ecs.encryption.yes')}` : ''}
                </option>
              )}
            </For>
          </select>
        </div>
        <InstanceDiskFields idPrefix={`${id}-sys`} legend={t('instances.replace.newDisk')} testId="replace-disk"
          category={props.systemDisk?.Category ?? 'cloud_essd'} level={level()}
          size={size()} onSize={setSize} sizePlaceholder={String(Math.max(defaultSystemSize(image()?.Size), range().min))} sizeError={sizeError()} range={range()}
          isChecked={isChecked()} onChecked={setChecked} isForced={rule().isEncryptionForced} blockedReason={blocked()}
          keys={props.keys} region={props.region} rule={rule()} keyId={keyId()} onKeyId={setKeyId} />
        <Show when={needsRole()}>
          <AuthorizeStep client={props.client} onCancel={() => setNeedsRole(false)} onAuthorized={() => void submit(undefined, true)} />
        </Show>
        <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="replace-error" />}</Show>
        <Show when={newDiskId()}>
          {(diskId) => (
            <p class="notice notice--info" role="status" data-testid="replace-done" data-disk-id={diskId()}>
              {t('instances.replace.done')} <a href={ecsHref('disks', diskId())}><code>{diskId()}</code></a>
            </p>
          )}
        </Show>
        <div class="kms-actions">
          <button type="submit" class="button" disabled={action.isBusy() || load.isBusy()} data-testid="replace-submit">{action.isBusy() ? t('ecs.working') : t('instances.replace.submit')}</button>
        </div>
      </Show>
    </form>
  );
}
