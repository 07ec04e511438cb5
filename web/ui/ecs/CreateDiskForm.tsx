// The CreateDisk form (cloud-api.md §2.1, §2.2, §5; product.md "Creating encrypted disks"): zone
// (DescribeZones), category with its size range, performance level, Size, an optional source
// snapshot (own, or a shared image's), Encrypted and the key chooser with the rule's default and why.
// Limits disable options with their reason; KMSUnauthorized brings the authorize step, then a retry.
import { For, Show, createMemo, createSignal, createUniqueId, onMount } from 'solid-js';
import type { PerformanceLevel } from '../../core/ecs/catalogue';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { AuthorizeStep } from './AuthorizeStep';
import { PERFORMANCE_LEVELS, categoriesFor, categoryName } from './categories';
import { createEcsAction } from './ecs-action';
import type { EcsClient, KeyInfo, RegionInfo, Snapshot } from './ecs-client';
import { KeyChooser } from './KeyChooser';
import { categoryBlockedReason, checkSize, defaultKey, encryptionBlockedReason, type AccountDefault, type SourceSnapshot } from './key-rules';

export interface CreateDiskFormProps {
  client: EcsClient;
  keys: readonly KeyInfo[];
  region?: RegionInfo;
  /** A source chosen elsewhere (a snapshot's page, a shared image's page). */
  source?: SourceSnapshot;
  onCreated(diskId: string): void;
  onCancel(): void;
}

export function CreateDiskForm(props: CreateDiskFormProps) {
  const { t, locale } = useI18n();
  const id = createUniqueId();
  const [zones, setZones] = createSignal<string[]>([]);
  const [zone, setZone] = createSignal('');
  const [category, setCategory] = createSignal('cloud_essd');
  const [level, setLevel] = createSignal<PerformanceLevel>('PL1');
  const [size, setSize] = createSignal('');
  const [snapshots, setSnapshots] = createSignal<Snapshot[]>([]);
  const [snapshotId, setSnapshotId] = createSignal(props.source?.SnapshotId ?? '');
  const [isEncrypted, setEncrypted] = createSignal(false);
  const [keyId, setKeyId] = createSignal('');
  const [name, setName] = createSignal('');
  const [accountDefault, setAccountDefault] = createSignal<AccountDefault>();
  const [sizeError, setSizeError] = createSignal<string>();
  const [needsRole, setNeedsRole] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();

  onMount(() => void load.run(async () => {
    const [zoneIds, own] = await Promise.all([props.client.zones(), props.client.snapshots({ Status: 'accomplished' })]);
    setZones(zoneIds);
    setZone(zoneIds[0] ?? '');
    setSnapshots(own);
    if (props.region?.EncryptionSupported !== false) {
      const status = await props.client.ecs('DescribeDiskEncryptionByDefaultStatus');
      const key = status.Encrypted === true ? await props.client.ecs('DescribeDiskDefaultKMSKeyId') : undefined;
      setAccountDefault({ Encrypted: status.Encrypted === true, KMSKeyId: key?.KMSKeyId as string | undefined });
    }
  }));

  const source = createMemo<SourceSnapshot | undefined>(() => {
    if (!snapshotId()) return undefined;
    if (props.source?.SnapshotId === snapshotId()) return props.source;
    const s = snapshots().find((x) => x.SnapshotId === snapshotId());
    return s && { SnapshotId: s.SnapshotId, Encrypted: s.Encrypted, KMSKeyId: s.KMSKeyId, isShared: false, size: Number(s.SourceDiskSize) };
  });
  const rule = createMemo(() => defaultKey(source(), accountDefault()));
  const categories = createMemo(() => categoriesFor(undefined, level()));
  const current = () => categories().find((c) => c.DiskCategory === category());
  const encrypted = () => isEncrypted() || rule().isEncryptionForced;
  const blocked = () => encryptionBlockedReason(props.region, current(), Boolean(source()));
  const isZoneRedundant = () => category() === 'cloud_regional_disk_auto';

  const submit = async (event?: SubmitEvent, isRetry = false) => {
    event?.preventDefault();
    const checked = checkSize(size(), current()!, source()?.size);
    if ('errorKey' in checked) {
      setSizeError(t(checked.errorKey, checked.params));
      queueMicrotask(() => document.getElementById(`${id}-size`)?.focus());
      return;
    }
    setSizeError(undefined);
    const params: Record<string, unknown> = {
      DiskCategory: category(), Size: checked.size, ...(isZoneRedundant() ? {} : { ZoneId: zone() }),
      ...(category() === 'cloud_essd' ? { PerformanceLevel: level() } : {}), ...(snapshotId() ? { SnapshotId: snapshotId() } : {}),
      ...(name().trim() ? { DiskName: name().trim() } : {}), ...(encrypted() ? { Encrypted: true } : {}), ...(encrypted() && keyId() ? { KMSKeyId: keyId() } : {}),
    };
    const done = await action.run(() => props.client.ecs('CreateDisk', params));
    if (done) {
      setNeedsRole(false);
      props.onCreated(String(done.value.DiskId));
    } else if (!isRetry && action.error()?.Code === 'InvalidParameter.KMSKeyId.KMSUnauthorized') {
      setNeedsRole(true);
    }
  };
  return (
    <form class="panel kms-form ecs-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate data-testid="create-disk-form">
      <h2 id={`${id}-title`}>{t('ecs.create.title')}</h2>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <div class="ecs-form__grid">
        <div class="kms-field">
          <label for={`${id}-zone`}>{t('ecs.create.zone')}</label>
          <select id={`${id}-zone`} value={zone()} disabled={isZoneRedundant()} onChange={(e) => setZone(e.currentTarget.value)} data-testid="zone-select">
            <For each={zones()}>{(z) => <option value={z} selected={zone() === z}>{z}</option>}</For>
          </select>
          <Show when={isZoneRedundant()}><p class="ecs-small">{t('ecs.create.zoneRedundant')}</p></Show>
        </div>
        <div class="kms-field">
          <label for={`${id}-category`}>{t('ecs.create.category')}</label>
          <select id={`${id}-category`} value={category()} onChange={(e) => setCategory(e.currentTarget.value)} aria-describedby={`${id}-range`} data-testid="category-select">
            <For each={categories()}>
              {(c) => {
                const reason = () => categoryBlockedReason(c, { isEncrypted: encrypted(), isFromSnapshot: Boolean(source()) });
                return (
                  <option value={c.DiskCategory} disabled={reason() !== undefined} selected={category() === c.DiskCategory}>
                    {categoryName(c.DiskCategory, locale())} ({c.DiskCategory}){reason() ? ` — ${t(reason()!)}` : ''}
                  </option>
                );
              }}
            </For>
          </select>
          <Show when={current()}>
            {(c) => <p class="ecs-small" id={`${id}-range`} data-testid="size-range">{t('ecs.create.range', { min: c().min, max: c().max })}</p>}
          </Show>
        </div>
        <Show when={category() === 'cloud_essd'}>
          <div class="kms-field">
            <label for={`${id}-level`}>{t('ecs.create.level')}</label>
            <select id={`${id}-level`} value={level()} onChange={(e) => setLevel(e.currentTarget.value as PerformanceLevel)}>
              <For each={PERFORMANCE_LEVELS}>{(l) => <option value={l}>{l}</option>}</For>
            </select>
          </div>
        </Show>
        <div class="kms-field">
          <label for={`${id}-size`}>{t('ecs.create.size')}</label>
          <input id={`${id}-size`} class="kms-input--short" inputmode="numeric" value={size()} onInput={(e) => setSize(e.currentTarget.value)}
            placeholder={source() ? String(source()!.size) : ''} aria-invalid={!!sizeError()} aria-describedby={`${id}-size-error ${id}-range`} data-testid="size-input" />
          <Show when={sizeError()}>{(message) => <p class="kms-field__error" id={`${id}-size-error`} data-testid="size-error">{message()}</p>}</Show>
        </div>
        <div class="kms-field">
          <label for={`${id}-snapshot`}>{t('ecs.create.snapshot')}</label>
          <select id={`${id}-snapshot`} value={snapshotId()} onChange={(e) => setSnapshotId(e.currentTarget.value)} data-testid="snapshot-select">
            <option value="">{t('ecs.create.noSnapshot')}</option>
            <Show when={props.source && !snapshots().some((s) => s.SnapshotId === props.source!.SnapshotId)}>
              <option value={props.source!.SnapshotId} selected={snapshotId() === props.source!.SnapshotId}>{props.source!.SnapshotId} ({t('ecs.create.sharedSource')})</option>
            </Show>
            <For each={snapshots()}>{(s) => <option value={s.SnapshotId} selected={snapshotId() === s.SnapshotId}>{s.SnapshotName || s.SnapshotId}{s.Encrypted ? ` — ${t('ecs.encryption.yes')}` : ''}</option>}</For>
          </select>
        </div>
        <div class="kms-field">
          <label for={`${id}-name`}>{t('ecs.create.name')}</label>
          <input id={`${id}-name`} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
      </div>
      <fieldset class="kms-field ecs-encrypt">
        <legend>{t('ecs.create.encryption')}</legend>
        <label class="kms-check">
          <input type="checkbox" checked={encrypted()} disabled={blocked() !== undefined || rule().isEncryptionForced}
            onChange={(e) => setEncrypted(e.currentTarget.checked)} aria-describedby={`${id}-encrypt-why`} data-testid="encrypted-checkbox" />
          {t('ecs.create.encrypted')}
        </label>
        <p class="ecs-small" id={`${id}-encrypt-why`}>
          <Show when={blocked()} fallback={rule().isEncryptionForced ? t('ecs.create.forced') : t('ecs.create.irreversible')}>
            {(reason) => <span class="ecs-limit" data-testid="encryption-limit">{t(reason())}</span>}
          </Show>
        </p>
        <Show when={encrypted() && !blocked()}>
          <KeyChooser keys={props.keys} region={props.region} rule={rule()} value={keyId()} onChange={setKeyId} />
        </Show>
      </fieldset>
      <Show when={needsRole()}>
        <AuthorizeStep client={props.client} onCancel={() => setNeedsRole(false)}
          onAuthorized={() => void submit(undefined, true)} />
      </Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="create-disk-error" />}</Show>
      <div class="kms-actions">
        <button type="submit" class="button" disabled={action.isBusy()} data-testid="create-disk-submit">{action.isBusy() ? t('ecs.working') : t('ecs.create.submit')}</button>
        <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => props.onCancel()}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
