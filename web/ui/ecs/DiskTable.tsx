// The disk list's table: name and id (a link to the disk), status with progress, category and size,
// zone, encryption with its key and health mark, source snapshot.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { categoryName } from './categories';
import type { Disk, KeyInfo } from './ecs-client';
import { ecsHref } from './ecs-route';
import { EncryptionCell } from './EncryptionCell';
import { ProgressCell } from './ProgressCell';

export function DiskTable(props: { disks: readonly Disk[]; keys: readonly KeyInfo[] }) {
  const { t, locale } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table ecs-table" data-testid="disk-table">
        <caption>{t('ecs.disks.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ecs.col.disk')}</th>
            <th scope="col">{t('ecs.col.status')}</th>
            <th scope="col">{t('ecs.col.category')}</th>
            <th scope="col">{t('ecs.col.zone')}</th>
            <th scope="col">{t('ecs.col.encryption')}</th>
            <th scope="col">{t('ecs.col.source')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.disks}>
            {(disk) => (
              <tr data-disk-id={disk.DiskId}>
                <th scope="row">
                  <a href={ecsHref('disks', disk.DiskId)} class="ecs-table__name">{disk.DiskName || disk.DiskId}</a>
                  <code class="kms-id">{disk.DiskId}</code>
                </th>
                <td><ProgressCell status={disk.Status} /></td>
                <td>{categoryName(disk.Category, locale())}{disk.PerformanceLevel ? ` ${disk.PerformanceLevel}` : ''} · {disk.Size} GiB</td>
                <td>{disk.ZoneId || t('ecs.create.zoneRedundantShort')}</td>
                <td><EncryptionCell encrypted={disk.Encrypted} keyId={disk.KMSKeyId} keys={props.keys} /></td>
                <td>
                  <Show when={disk.SourceSnapshotId} fallback={<span class="muted">{t('common.none')}</span>}>
                    <a href={ecsHref('snapshots', disk.SourceSnapshotId)}><code>{disk.SourceSnapshotId}</code></a>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
