// The launch form (RunInstances; cloud-api.md §2.3, §5): zone, image (public, yours, shared with you),
// instance type, name, host name, amount, the system disk and an optional data disk with Encrypted and
// the key chooser. Limits disable options with their reason (zones that refuse system-disk encryption,
// the seven families, ESSD series); KMSUnauthorized brings the authorize step; "Dry run" sends DryRun=true.
import { For, Show, createMemo, createSignal, createUniqueId, onMount } from 'solid-js';
import type { PerformanceLevel } from '../../core/ecs/catalogue';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { AuthorizeStep } from './AuthorizeStep';
import { categoriesFor } from './categories';
import { createEcsAction } from './ecs-action';
import type { EcsClient, Image, InstanceTypeInfo, KeyInfo, RegionInfo } from './ecs-client';
import { InstanceDiskFields } from './InstanceDiskFields';
import {
  checkAmount, checkSystemSize, defaultSystemSize, effectiveEncryption, familyBlockedReason, isDryRunSuccess, runInstancesParams,
  systemCategories, systemCategoryBlockedReason, systemDiskRule, systemEncryptionBlockedReason, systemSizeRange, zoneBlockedReason,
  isZoneWithoutSystemEncryption, type LaunchInput,
} from './instance-rules';
import { categoryBlockedReason, checkSize, defaultKey, encryptionBlockedReason, type AccountDefault } from './key-rules';

export interface InstanceLaunchFormProps {
  client: EcsClient;
  keys: readonly KeyInfo[];
  region?: RegionInfo;
  onLaunched(instanceIds: string[]): void;
  onCancel(): void;
}

const PREFERRED_TYPE = 'ecs.g7.large';

export function InstanceLaunchForm(props: InstanceLaunchFormProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [zones, setZones] = createSignal<string[]>([]);
  const [zone, setZone] = createSignal('');
  const [images, setImages] = createSignal<Image[]>([]);
  const [imageId, setImageId] = createSignal('');
  const [types, setTypes] = createSignal<InstanceTypeInfo[]>([]);
  const [instanceType, setInstanceType] = createSignal('');
  const [name, setName] = createSignal('');
  const [hostName, setHostName] = createSignal('');
  const [amount, setAmount] = createSignal('1');
  const [amountError, setAmountError] = createSignal<string>();
  const [accountDefault, setAccountDefault] = createSignal<AccountDefault>();
  // System disk.
  const [sysCategory, setSysCategory] = createSignal('cloud_essd');
  const [sysLevel, setSysLevel] = createSignal<PerformanceLevel>('PL1');
  const [sysSize, setSysSize] = createSignal('');
  const [sysSizeError, setSysSizeError] = createSignal<string>();
  const [sysChecked, setSysChecked] = createSignal(false);
  const [sysKey, setSysKey] = createSignal('');
  // Data disk.
  const [hasData, setHasData] = createSignal(false);
  const [dataCategory, setDataCategory] = createSignal('cloud_essd');
  const [dataLevel, setDataLevel] = createSignal<PerformanceLevel>('PL1');
  const [dataSize, setDataSize] = createSignal('20');
  const [dataSizeError, setDataSizeError] = createSignal<string>();
  const [dataChecked, setDataChecked] = createSignal(false);
  const [dataKey, setDataKey] = createSignal('');
  const [dataGoesWith, setDataGoesWith] = createSignal(true);
  // The request.
  const [needsRole, setNeedsRole] = createSignal(false);
  const [dryRunOk, setDryRunOk] = createSignal(false);
  const [lastDryRun, setLastDryRun] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();

  onMount(() => void load.run(async () => {
    const [zoneIds, usable, typeList] = await Promise.all([props.client.zones(), props.client.launchImages(), props.client.instanceTypes()]);
    let status: AccountDefault | undefined;
    if (props.region?.EncryptionSupported !== false) {
      const on = (await props.client.ecs('DescribeDiskEncryptionByDefaultStatus')).Encrypted === true;
      const key = on ? await props.client.ecs('DescribeDiskDefaultKMSKeyId') : undefined;
      status = { Encrypted: on, KMSKeyId: key?.KMSKeyId as string | undefined };
    }
    setAccountDefault(status);
    setZones(zoneIds);
    // A zone that can take an encrypted system disk first: the others stay available, with their reason.
    setZone(zoneIds.find((z) => !isZoneWithoutSystemEncryption(z)) ?? zoneIds[0] ?? '');
    setImages(usable);
    setImageId(usable.find((i) => i.ImageOwnerAlias === 'system')?.ImageId ?? usable[0]?.ImageId ?? '');
    setTypes(typeList);
    setInstanceType(typeList.find((x) => x.InstanceTypeId === PREFERRED_TYPE)?.InstanceTypeId ?? typeList[0]?.InstanceTypeId ?? '');
  }));

  const image = () => images().find((i) => i.ImageId === imageId());
  const family = () => types().find((x) => x.InstanceTypeId === instanceType())?.InstanceTypeFamily;
  const sysRule = createMemo(() => systemDiskRule(image(), accountDefault()));
  const sysCategories = createMemo(() => systemCategories(sysLevel()));
  const sysCurrent = () => sysCategories().find((c) => c.DiskCategory === sysCategory());
  const sysBlocked = () => systemEncryptionBlockedReason(props.region, zone(), sysCurrent());
  const sysEncrypted = () => effectiveEncryption({ isForced: sysRule().isEncryptionForced, isChecked: sysChecked(), blockedReason: sysBlocked() });
  const sysRange = () => systemSizeRange(sysCurrent() ?? { min: 1, max: 2048 }, image()?.Size);

  const dataRule = createMemo(() => defaultKey(undefined, accountDefault()));
  const dataCategories = createMemo(() => categoriesFor(undefined, dataLevel()).filter((c) => c.DiskCategory !== 'cloud_regional_disk_auto'));
  const dataCurrent = () => dataCategories().find((c) => c.DiskCategory === dataCategory());
  const dataBlocked = () => encryptionBlockedReason(props.region, dataCurrent(), false);
  const dataEncrypted = () => effectiveEncryption({ isForced: dataRule().isEncryptionForced, isChecked: dataChecked(), blockedReason: dataBlocked() });

  const imageLabel = (i: Image) => {
    const owner = t(`ecs.images.${i.ImageOwnerAlias as 'self' | 'others' | 'system'}`);
    return `${i.ImageName || i.ImageId} — ${owner}${i.Encrypted ? ` · ${t('ecs.encryption.yes')}` : ''}`;
  };

  /** Validates the fields; the LaunchInput, or undefined with the first bad field focused. */
  const input = (): LaunchInput | undefined => {
    const checkedAmount = checkAmount(amount());
    setAmountError('errorKey' in checkedAmount ? t(checkedAmount.errorKey) : undefined);
    const sys = checkSystemSize(sysSize(), sysRange());
    setSysSizeError('errorKey' in sys ? t(sys.errorKey, sys.params) : undefined);
    const data = hasData() && dataCurrent() ? checkSize(dataSize(), dataCurrent()!) : undefined;
    setDataSizeError(data && 'errorKey' in data ? t(data.errorKey, data.params) : undefined);
    const bad = 'errorKey' in checkedAmount ? `${id}-amount` : 'errorKey' in sys ? `${id}-sys-size` : data && 'errorKey' in data ? `${id}-data-size` : undefined;
    if (bad) {
      queueMicrotask(() => document.getElementById(bad)?.focus());
      return undefined;
    }
    return {
      zoneId: zone(), imageId: imageId(), instanceType: instanceType(), instanceName: name(), hostName: hostName(),
      amount: (checkedAmount as { amount: number }).amount,
      system: { category: sysCategory(), level: sysLevel(), size: (sys as { size?: number }).size, isEncrypted: sysEncrypted(), keyId: sysKey() || undefined },
      ...(data && 'size' in data ? { data: { category: dataCategory(), level: dataLevel(), size: data.size, isEncrypted: dataEncrypted(), keyId: dataKey() || undefined, deleteWithInstance: dataGoesWith() } } : {}),
    };
  };

  const submit = async (isDryRun: boolean, isRetry = false) => {
    const asked = input();
    if (!asked) return;
    setDryRunOk(false);
    setLastDryRun(isDryRun);
    const done = await action.run(() => props.client.ecs('RunInstances', runInstancesParams({ ...asked, isDryRun })));
    if (done) {
      setNeedsRole(false);
      const ids = ((done.value.InstanceIdSets as { InstanceIdSet?: string[] } | undefined)?.InstanceIdSet) ?? [];
      props.onLaunched(ids);
      return;
    }
    if (isDryRun && isDryRunSuccess(action.error())) {
      action.clearError();
      setNeedsRole(false);
      setDryRunOk(true);
    } else if (!isRetry && action.error()?.Code === 'InvalidParameter.KMSKeyId.KMSUnauthorized') {
      setNeedsRole(true);
    }
  };

  return (
    <form class="panel kms-form ecs-form instance-launch" aria-labelledby={`${id}-title`} noValidate data-testid="launch-form"
      onSubmit={(e) => { e.preventDefault(); void submit(false); }} onInput={() => setDryRunOk(false)} onChange={() => setDryRunOk(false)}>
      <h2 id={`${id}-title`}>{t('instances.launch.title')}</h2>
      <p class="ecs-small">{t('instances.launch.intro')}</p>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <div class="ecs-form__grid">
        <div class="kms-field">
          <label for={`${id}-zone`}>{t('ecs.create.zone')}</label>
          <select id={`${id}-zone`} value={zone()} onChange={(e) => setZone(e.currentTarget.value)} data-testid="launch-zone">
            <For each={zones()}>
              {(z) => {
                const reason = () => zoneBlockedReason(z, sysEncrypted());
                return <option value={z} selected={zone() === z} disabled={reason() !== undefined}>{z}{reason() ? ` — ${t(reason()!)}` : ''}</option>;
              }}
            </For>
          </select>
          <Show when={zoneBlockedReason(zone(), sysEncrypted())}><p class="ecs-limit" data-testid="zone-limit">{t('instances.limit.zone')}</p></Show>
        </div>
        <div class="kms-field">
          <label for={`${id}-image`}>{t('instances.col.image')}</label>
          <select id={`${id}-image`} value={imageId()} onChange={(e) => setImageId(e.currentTarget.value)} data-testid="launch-image">
            <For each={images()}>{(i) => <option value={i.ImageId} selected={imageId() === i.ImageId}>{imageLabel(i)}</option>}</For>
          </select>
          <Show when={image()}>{(i) => <p class="ecs-small"><code>{i().ImageId}</code> · {i().Size} GiB</p>}</Show>
        </div>
        <div class="kms-field">
          <label for={`${id}-type`}>{t('instances.col.type')}</label>
          <select id={`${id}-type`} value={instanceType()} onChange={(e) => setInstanceType(e.currentTarget.value)} data-testid="launch-type">
            <For each={types()}>
              {(x) => {
                const reason = () => familyBlockedReason(x.InstanceTypeFamily, sysEncrypted());
                return (
                  <option value={x.InstanceTypeId} selected={instanceType() === x.InstanceTypeId} disabled={reason() !== undefined}>
                    {t('instances.type.option', { type: x.InstanceTypeId, cpu: x.CpuCoreCount, memory: x.MemorySize })}{reason() ? ` — ${t(reason()!)}` : ''}
                  </option>
                );
              }}
            </For>
          </select>
          <Show when={familyBlockedReason(family() ?? '', sysEncrypted())}>
            {(reason) => <p class="ecs-limit" data-testid="type-limit">{t(reason())}</p>}
          </Show>
        </div>
        <div class="kms-field">
          <label for={`${id}-name`}>{t('instances.launch.name')}</label>
          <input id={`${id}-name`} value={name()} onInput={(e) => setName(e.currentTarget.value)} data-testid="launch-name" />
        </div>
        <div class="kms-field">
          <label for={`${id}-host`}>{t('instances.launch.hostName')}</label>
          <input id={`${id}-host`} value={hostName()} onInput={(e) => setHostName(e.currentTarget.value)} placeholder={t('instances.launch.hostNameDefault')} data-testid="launch-host" />
        </div>
        <div class="kms-field">
          <label for={`${id}-amount`}>{t('instances.launch.amount')}</label>
          <input id={`${id}-amount`} class="kms-input--short" inputmode="numeric" value={amount()} onInput={(e) => setAmount(e.currentTarget.value)}
            aria-invalid={!!amountError()} aria-describedby={`${id}-amount-error`} data-testid="launch-amount" />
          <Show when={amountError()}>{(message) => <p class="kms-field__error" id={`${id}-amount-error`}>{message()}</p>}</Show>
        </div>
      </div>

      <InstanceDiskFields idPrefix={`${id}-sys`} legend={t('instances.disk.system')} testId="system-disk"
        categories={sysCategories().map((c) => ({ DiskCategory: c.DiskCategory, reason: systemCategoryBlockedReason(c, { isEncrypted: sysEncrypted(), family: family() }) }))}
        category={sysCategory()} onCategory={setSysCategory} level={sysLevel()} onLevel={setSysLevel}
        size={sysSize()} onSize={setSysSize} sizePlaceholder={String(Math.max(defaultSystemSize(image()?.Size), sysRange().min))} sizeError={sysSizeError()} range={sysRange()}
        isChecked={sysChecked()} onChecked={setSysChecked} isForced={sysRule().isEncryptionForced} blockedReason={sysBlocked()}
        keys={props.keys} region={props.region} rule={sysRule()} keyId={sysKey()} onKeyId={setSysKey} />

      <label class="kms-check instance-launch__toggle">
        <input type="checkbox" checked={hasData()} onChange={(e) => setHasData(e.currentTarget.checked)} data-testid="add-data-disk" />
        {t('instances.launch.addData')}
      </label>
      <Show when={hasData()}>
        <InstanceDiskFields idPrefix={`${id}-data`} legend={t('instances.disk.data')} testId="data-disk"
          categories={dataCategories().map((c) => ({ DiskCategory: c.DiskCategory, reason: categoryBlockedReason(c, { isEncrypted: dataEncrypted(), isFromSnapshot: false }) }))}
          category={dataCategory()} onCategory={setDataCategory} level={dataLevel()} onLevel={setDataLevel}
          size={dataSize()} onSize={setDataSize} sizeError={dataSizeError()} range={dataCurrent() ?? { min: 1, max: 65536 }}
          isChecked={dataChecked()} onChecked={setDataChecked} isForced={dataRule().isEncryptionForced} blockedReason={dataBlocked()}
          keys={props.keys} region={props.region} rule={dataRule()} keyId={dataKey()} onKeyId={setDataKey}>
          <label class="kms-check">
            <input type="checkbox" checked={dataGoesWith()} onChange={(e) => setDataGoesWith(e.currentTarget.checked)} data-testid="data-delete-with-instance" />
            {t('instances.disk.deleteWithInstance')}
          </label>
        </InstanceDiskFields>
      </Show>

      <Show when={needsRole()}>
        <AuthorizeStep client={props.client} onCancel={() => setNeedsRole(false)} onAuthorized={() => void submit(lastDryRun(), true)} />
      </Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="launch-error" />}</Show>
      <Show when={dryRunOk()}>
        <p class="notice notice--info" role="status" data-testid="dry-run-ok">{t('instances.launch.dryRunOk')}</p>
      </Show>
      <div class="kms-actions">
        <button type="submit" class="button" disabled={action.isBusy() || load.isBusy()} data-testid="launch-submit">
          {action.isBusy() && !lastDryRun() ? t('ecs.working') : t('instances.launch.submit')}
        </button>
        <button type="button" class="button button--quiet" disabled={action.isBusy() || load.isBusy()} onClick={() => void submit(true)} data-testid="launch-dry-run">
          {action.isBusy() && lastDryRun() ? t('ecs.working') : t('instances.launch.dryRun')}
        </button>
        <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => props.onCancel()}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
