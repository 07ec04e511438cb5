// One snapshot (#/ecs/snapshots/<SnapshotId>[?region=…]): its fields with Progress while it runs,
// encryption and key health, "create a disk from it", CreateImage, CopySnapshot (CopyForm) and
// DeleteSnapshot behind a confirmation (the cloud refuses while an image is made of it).
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { CopyForm } from './CopyForm';
import type { EcsPageProps } from './DiskListPage';
import { createEcsAction } from './ecs-action';
import type { RegionInfo, Snapshot } from './ecs-client';
import { DetailFrame } from './DetailFrame';
import { ecsHref, resourceHref } from './ecs-route';
import { EncryptionCell } from './EncryptionCell';
import { ProgressCell } from './ProgressCell';
import { useRefresh } from './use-refresh';

export function SnapshotDetailPage(props: EcsPageProps & { snapshotId: string; regions: readonly RegionInfo[] }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const region = () => props.query.region;
  const [snapshot, setSnapshot] = createSignal<Snapshot | null>();
  const [imageName, setImageName] = createSignal('');
  const [made, setMade] = createSignal<{ kind: 'image' | 'copy'; id: string; regionId?: string }>();
  const [isConfirmingDelete, setConfirmingDelete] = createSignal(false);
  const [isDeleted, setDeleted] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();

  const refresh = async () => {
    if (isDeleted()) return;
    const done = await load.run(async () => {
      const [found] = await props.client.snapshots({ SnapshotIds: [props.snapshotId] }, region());
      await props.keys.load(region());
      return found ?? null;
    });
    if (done) setSnapshot(done.value);
  };
  useRefresh(refresh, () => snapshot()?.Status === 'progressing');

  const createImage = async (event: SubmitEvent) => {
    event.preventDefault();
    const done = await action.run(() => props.client.ecs('CreateImage', { SnapshotId: props.snapshotId, ...(imageName().trim() ? { ImageName: imageName().trim() } : {}) }, region()));
    if (done) setMade({ kind: 'image', id: String(done.value.ImageId), regionId: region() });
  };
  const remove = async () => {
    const done = await action.run(() => props.client.ecs('DeleteSnapshot', { SnapshotId: props.snapshotId }, region()));
    setConfirmingDelete(false);
    if (done) {
      setDeleted(true);
      location.hash = ecsHref('snapshots');
    }
  };

  return (
    <DetailFrame testId="ecs-snapshot-detail" titleId={`${id}-title`} backHref={ecsHref('snapshots')} backLabel={t('ecs.snapshots.back')}
      title={snapshot()?.SnapshotName || props.snapshotId} error={load.error()} item={snapshot()} resourceId={props.snapshotId}>
      {(s) => (
        <>
          <dl class="kms-metadata ecs-metadata">
            <div class="kms-metadata__row"><dt>SnapshotId</dt><dd><code data-testid="snapshot-id">{s().SnapshotId}</code></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.status')}</dt><dd><ProgressCell status={s().Status} progress={s().Progress} /></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.region')}</dt><dd>{s().RegionId}</dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.source')}</dt><dd>
              <Show when={s().SourceSnapshotId} fallback={<a href={ecsHref('disks', s().SourceDiskId, { region: region() })}><code>{s().SourceDiskId}</code></a>}>
                {t('ecs.snapshot.copyOf')} <a href={resourceHref(s().SourceSnapshotId, s().SourceRegionId, s().RegionId)}><code>{s().SourceSnapshotId}</code></a> ({s().SourceRegionId})
              </Show>
            </dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.size')}</dt><dd>{s().SourceDiskSize} GiB</dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.encryption')}</dt><dd><EncryptionCell encrypted={s().Encrypted} keyId={s().KMSKeyId} keys={props.keys.keys()} /></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.created')}</dt><dd>{s().CreationTime}</dd></div>
          </dl>
          <p class="ecs-small">{t('ecs.snapshot.sameKey')}</p>
          <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="snapshot-action-error" />}</Show>
          <Show when={made()}>
            {(m) => (
              <p class="notice notice--info" role="status" data-testid={m().kind === 'copy' ? 'copy-started' : 'image-started'} data-id={m().id}>
                {t(m().kind === 'copy' ? 'ecs.copy.started' : 'ecs.image.started')} <a href={resourceHref(m().id, m().regionId, region())}><code>{m().id}</code></a>
              </p>
            )}
          </Show>
          <Show when={s().Status === 'accomplished'}>
            <div class="ecs-detail__actions">
              <div class="panel">
                <a class="button" href={ecsHref('disks', undefined, { create: '1', snapshot: s().SnapshotId })} data-testid="disk-from-snapshot">{t('ecs.snapshot.makeDisk')}</a>
              </div>
              <form class="panel kms-inline-form" onSubmit={(e) => void createImage(e)}>
                <label for={`${id}-image`}>{t('ecs.image.name')}</label>
                <input id={`${id}-image`} value={imageName()} onInput={(e) => setImageName(e.currentTarget.value)} />
                <button type="submit" class="button button--quiet" disabled={action.isBusy()} data-testid="create-image">{t('ecs.image.create')}</button>
              </form>
              <div class="panel">
                <Show when={isConfirmingDelete()} fallback={
                  <button type="button" class="button button--danger" disabled={action.isBusy()} onClick={() => setConfirmingDelete(true)} data-testid="delete-snapshot">{t('ecs.snapshot.delete')}</button>
                }>
                  <p role="alert">{t('ecs.snapshot.deleteConfirm')}</p>
                  <div class="kms-actions">
                    <button type="button" class="button button--danger" onClick={() => void remove()} data-testid="confirm-delete">{t('ecs.snapshot.delete')}</button>
                    <button type="button" class="button button--quiet" onClick={() => setConfirmingDelete(false)}>{t('common.cancel')}</button>
                  </div>
                </Show>
              </div>
            </div>
            <CopyForm client={props.client} regions={props.regions}
              source={{ kind: 'snapshot', id: s().SnapshotId, RegionId: s().RegionId, Encrypted: s().Encrypted, KMSKeyId: s().KMSKeyId, isShared: false, size: Number(s().SourceDiskSize) }}
              onCopied={(copyId, regionId) => setMade({ kind: 'copy', id: copyId, regionId })} />
          </Show>
        </>
      )}
    </DetailFrame>
  );
}
