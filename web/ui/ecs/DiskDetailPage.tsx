// One disk (#/ecs/disks/<DiskId>): its DescribeDisks fields, encryption with the key's health,
// ModifyDiskAttribute (name, description — never encryption), CreateSnapshot, DeleteDisk behind a
// confirmation, the sector view (guest vs stored) and the disk's lineage.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { KeyLineage } from '../lineage/KeyLineage';
import { categoryName } from './categories';
import { createEcsAction } from './ecs-action';
import type { Disk } from './ecs-client';
import { DetailFrame } from './DetailFrame';
import { ecsHref } from './ecs-route';
import type { EcsPageProps } from './DiskListPage';
import { EncryptionCell } from './EncryptionCell';
import { ProgressCell } from './ProgressCell';
import { SectorPeek } from './SectorPeek';
import { useRefresh } from './use-refresh';

export function DiskDetailPage(props: EcsPageProps & { diskId: string }) {
  const { t, locale } = useI18n();
  const id = createUniqueId();
  const region = () => props.query.region;
  const [disk, setDisk] = createSignal<Disk | null>();
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [snapshotName, setSnapshotName] = createSignal('');
  const [isConfirmingDelete, setConfirmingDelete] = createSignal(false);
  const [snapshotId, setSnapshotId] = createSignal<string>();
  const [isDeleted, setDeleted] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();

  const refresh = async () => {
    if (isDeleted()) return;
    const done = await load.run(async () => {
      const [found] = await props.client.disks({ DiskIds: [props.diskId] }, region());
      await props.keys.load(region());
      return found ?? null;
    });
    if (!done) return;
    const first = disk() === undefined;
    setDisk(done.value);
    if (first && done.value) {
      setName(done.value.DiskName);
      setDescription(done.value.Description);
    }
  };
  useRefresh(refresh, () => disk()?.Status === 'Creating');

  const modify = async (event: SubmitEvent) => {
    event.preventDefault();
    await action.run(() => props.client.ecs('ModifyDiskAttribute', {
      DiskId: props.diskId, ...(name().trim() ? { DiskName: name().trim() } : {}), ...(description().trim() ? { Description: description().trim() } : {}),
    }, region()));
  };
  const snapshot = async (event: SubmitEvent) => {
    event.preventDefault();
    const done = await action.run(() => props.client.ecs('CreateSnapshot', { DiskId: props.diskId, ...(snapshotName().trim() ? { SnapshotName: snapshotName().trim() } : {}) }, region()));
    if (done) setSnapshotId(String(done.value.SnapshotId));
  };
  const remove = async () => {
    const done = await action.run(() => props.client.ecs('DeleteDisk', { DiskId: props.diskId }, region()));
    if (done) {
      setDeleted(true);
      location.hash = ecsHref('disks');
    }
    setConfirmingDelete(false);
  };

  return (
    <DetailFrame testId="ecs-disk-detail" titleId={`${id}-title`} backHref={ecsHref('disks')} backLabel={t('ecs.disks.back')}
      title={disk()?.DiskName || props.diskId} error={load.error()} item={disk()} resourceId={props.diskId}>
      {(d) => (
        <>
          <dl class="kms-metadata ecs-metadata">
            <div class="kms-metadata__row"><dt>DiskId</dt><dd><code data-testid="disk-id">{d().DiskId}</code></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.status')}</dt><dd><ProgressCell status={d().Status} /></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.category')}</dt><dd>{categoryName(d().Category, locale())} ({d().Category}{d().PerformanceLevel ? ` ${d().PerformanceLevel}` : ''}) · {d().Size} GiB</dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.zone')}</dt><dd>{d().RegionId} / {d().ZoneId || t('ecs.create.zoneRedundantShort')}</dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.encryption')}</dt><dd><EncryptionCell encrypted={d().Encrypted} keyId={d().KMSKeyId} keys={props.keys.keys()} /></dd></div>
            <Show when={d().Encrypted}>
              <div class="kms-metadata__row"><dt>KMSKeyId</dt><dd><code data-testid="disk-key">{d().KMSKeyId}</code></dd></div>
            </Show>
            <div class="kms-metadata__row"><dt>{t('ecs.col.source')}</dt><dd>
              <Show when={d().SourceSnapshotId} fallback={<span class="muted">{t('common.none')}</span>}>
                <a href={ecsHref('snapshots', d().SourceSnapshotId, { region: region() })}><code>{d().SourceSnapshotId}</code></a>
              </Show>
            </dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.created')}</dt><dd>{d().CreationTime}</dd></div>
          </dl>
          <p class="ecs-small">{t(d().Encrypted ? 'ecs.disk.encryptedForever' : 'ecs.disk.convert')}</p>
          <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="disk-action-error" />}</Show>
          <div class="ecs-detail__actions">
            <form class="panel kms-inline-form" onSubmit={(e) => void snapshot(e)}>
              <label for={`${id}-snap`}>{t('ecs.snapshot.name')}</label>
              <input id={`${id}-snap`} value={snapshotName()} onInput={(e) => setSnapshotName(e.currentTarget.value)} data-testid="snapshot-name" />
              <button type="submit" class="button" disabled={action.isBusy() || d().Status === 'Creating'} data-testid="create-snapshot">{t('ecs.snapshot.create')}</button>
              <Show when={snapshotId()}>
                {(sid) => <p role="status" data-testid="snapshot-created">{t('ecs.snapshot.created')} <a href={ecsHref('snapshots', sid(), { region: region() })}><code>{sid()}</code></a></p>}
              </Show>
            </form>
            <form class="panel kms-inline-form" onSubmit={(e) => void modify(e)}>
              <label for={`${id}-name`}>{t('ecs.create.name')}</label>
              <input id={`${id}-name`} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
              <label for={`${id}-description`}>{t('ecs.description')}</label>
              <input id={`${id}-description`} value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
              <button type="submit" class="button button--quiet" disabled={action.isBusy()}>{t('ecs.save')}</button>
            </form>
            <div class="panel">
              <Show when={isConfirmingDelete()} fallback={
                <button type="button" class="button button--danger" disabled={action.isBusy() || d().Status !== 'Available'} onClick={() => setConfirmingDelete(true)} data-testid="delete-disk">{t('ecs.disk.delete')}</button>
              }>
                <p role="alert">{t('ecs.disk.deleteConfirm')}</p>
                <div class="kms-actions">
                  <button type="button" class="button button--danger" disabled={action.isBusy()} onClick={() => void remove()} data-testid="confirm-delete">{t('ecs.disk.delete')}</button>
                  <button type="button" class="button button--quiet" onClick={() => setConfirmingDelete(false)}>{t('common.cancel')}</button>
                </div>
              </Show>
            </div>
          </div>
          <Show when={d().Status !== 'Creating'}>
            <SectorPeek client={props.client} diskId={d().DiskId} regionId={region()} isEncrypted={d().Encrypted} />
          </Show>
          <Show when={d().Encrypted}>
            <KeyLineage client={props.client} keyId={d().KMSKeyId} regionId={region()} highlight={d().DiskId} />
          </Show>
        </>
      )}
    </DetailFrame>
  );
}
