// The disk list (#/ecs/disks): DescribeDisks with the Encrypted and KMSKeyId filters (§2.8) and
// paging, the create-disk form (opened from a snapshot's or image's page with ?create=1&snapshot= or
// &image=), and after creation the disk with the KMSKeyId the cloud resolved.
import { For, Show, createSignal, onMount } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { Pager } from '../kms/Pager';
import { CreateDiskForm } from './CreateDiskForm';
import { DiskTable } from './DiskTable';
import { createEcsAction } from './ecs-action';
import type { Disk, EcsClient, Image, RegionInfo } from './ecs-client';
import { ecsHref } from './ecs-route';
import type { SourceSnapshot } from './key-rules';
import { keyName, type RegionKeys } from './use-keys';
import { useRefresh } from './use-refresh';

export interface EcsPageProps {
  client: EcsClient;
  keys: RegionKeys;
  region?: RegionInfo;
  query: Record<string, string>;
}

/** The source a "create a disk from this" link names: an own snapshot, or a (shared) image's snapshot. */
async function sourceOf(client: EcsClient, query: Record<string, string>): Promise<SourceSnapshot | undefined> {
  if (query.image) {
    const r = await client.ecs('DescribeImages', { ImageId: query.image, Status: 'Available' });
    const image = ((r.Images as { Image?: Image[] } | undefined)?.Image ?? [])[0];
    const snapshotId = image?.DiskDeviceMappings.DiskDeviceMapping[0]?.SnapshotId;
    if (!image || !snapshotId) return undefined;
    return { SnapshotId: snapshotId, Encrypted: image.Encrypted, KMSKeyId: image.KMSKeyId, isShared: image.ImageOwnerAlias === 'others', size: image.Size };
  }
  if (query.snapshot) {
    const [s] = await client.snapshots({ SnapshotIds: [query.snapshot] });
    return s && { SnapshotId: s.SnapshotId, Encrypted: s.Encrypted, KMSKeyId: s.KMSKeyId, isShared: false, size: Number(s.SourceDiskSize) };
  }
  return undefined;
}

export function DiskListPage(props: EcsPageProps) {
  const { t } = useI18n();
  const [disks, setDisks] = createSignal<Disk[]>();
  const [total, setTotal] = createSignal(0);
  const [page, setPage] = createSignal(1);
  const [pageSize, setPageSize] = createSignal(10);
  const [encryptedFilter, setEncryptedFilter] = createSignal<'' | 'true' | 'false'>('');
  const [keyFilter, setKeyFilter] = createSignal('');
  const [isCreating, setCreating] = createSignal(props.query.create === '1');
  const [source, setSource] = createSignal<SourceSnapshot>();
  const [isSourceReady, setSourceReady] = createSignal(!props.query.snapshot && !props.query.image);
  const [created, setCreated] = createSignal<Disk>();
  const load = createEcsAction();

  const refresh = async (wanted = page()) => {
    const done = await load.run(async () => {
      const filters = { ...(encryptedFilter() ? { Encrypted: encryptedFilter() === 'true' } : {}), ...(keyFilter() ? { KMSKeyId: keyFilter() } : {}) };
      const r = await props.client.ecs('DescribeDisks', { ...filters, PageNumber: wanted, PageSize: pageSize() });
      await props.keys.load();
      const createdId = created()?.DiskId;
      const fresh = createdId ? (await props.client.disks({ DiskIds: [createdId] }))[0] : undefined;
      return { list: ((r.Disks as { Disk?: Disk[] } | undefined)?.Disk ?? []), total: Number(r.TotalCount ?? 0), fresh };
    });
    if (!done) return;
    setDisks(done.value.list);
    setTotal(done.value.total);
    setPage(wanted);
    if (done.value.fresh) setCreated(done.value.fresh);
  };
  useRefresh(() => refresh(), () => (disks() ?? []).some((d) => d.Status === 'Creating') || created()?.Status === 'Creating');
  onMount(() => {
    if (!isSourceReady()) void sourceOf(props.client, props.query).then((s) => setSource(s), () => setSource(undefined)).finally(() => setSourceReady(true));
  });

  const onCreated = async (diskId: string) => {
    setCreating(false);
    const [disk] = await props.client.disks({ DiskIds: [diskId] });
    setCreated(disk);
    if (location.hash.includes('?')) history.replaceState(null, '', ecsHref('disks'));
    await refresh(1);
  };

  return (
    <section class="panel" aria-labelledby="ecs-disks-title" data-testid="ecs-disk-list">
      <div class="panel__head">
        <h2 id="ecs-disks-title">{t('ecs.disks.title')}</h2>
        <div class="kms-actions">
          <Show when={load.isBusy()}><span class="spinner" role="status" aria-label={t('ecs.loading')} /></Show>
          <button type="button" class="button button--quiet" disabled={load.isBusy()} onClick={() => void refresh()}>{t('ecs.refresh')}</button>
          <button type="button" class="button" aria-expanded={isCreating()} onClick={() => setCreating(!isCreating())} data-testid="open-create-disk">{t('ecs.create.open')}</button>
        </div>
      </div>
      <Show when={created()}>
        {(disk) => (
          <p class="notice notice--info" role="status" data-testid="disk-created" data-disk-id={disk().DiskId}>
            {t('ecs.create.done')} <a href={ecsHref('disks', disk().DiskId)}><code>{disk().DiskId}</code></a>{' '}
            <Show when={disk().Encrypted} fallback={t('ecs.create.doneUnencrypted')}>
              {t('ecs.create.doneKey')} <code data-testid="resolved-key">{disk().KMSKeyId}</code> ({keyName(disk().KMSKeyId, props.keys.keys())})
            </Show>
          </p>
        )}
      </Show>
      <Show when={isCreating() && isSourceReady()}>
        <CreateDiskForm client={props.client} keys={props.keys.keys()} region={props.region} source={source()}
          onCreated={(id) => void onCreated(id)} onCancel={() => setCreating(false)} />
      </Show>
      <div class="ecs-filters" role="group" aria-label={t('ecs.filters')}>
        <label>
          {t('ecs.filter.encrypted')}
          <select value={encryptedFilter()} onChange={(e) => { setEncryptedFilter(e.currentTarget.value as '' | 'true' | 'false'); void refresh(1); }} data-testid="filter-encrypted">
            <option value="">{t('ecs.filter.any')}</option>
            <option value="true">{t('ecs.encryption.yes')}</option>
            <option value="false">{t('ecs.encryption.none')}</option>
          </select>
        </label>
        <label>
          {t('ecs.filter.key')}
          <select value={keyFilter()} onChange={(e) => { setKeyFilter(e.currentTarget.value); void refresh(1); }} data-testid="filter-key">
            <option value="">{t('ecs.filter.any')}</option>
            <For each={props.keys.keys()}>{(k) => <option value={k.KeyId}>{keyName(k.KeyId, props.keys.keys())}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={disks()} fallback={<p class="muted">{t('ecs.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted" data-testid="no-disks">{t('ecs.disks.empty')}</p>}>
            <DiskTable disks={list()} keys={props.keys.keys()} />
            <Pager page={page()} pageSize={pageSize()} total={total()} label={t('ecs.pages')} isBusy={load.isBusy()}
              onPage={(p) => void refresh(p)} onPageSize={(size) => { setPageSize(size); void refresh(1); }} />
          </Show>
        )}
      </Show>
    </section>
  );
}
