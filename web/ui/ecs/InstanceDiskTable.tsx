// An instance's disks (detail page): device, the disk (a link to its page), system or data, category and
// size, encryption with the key and its health, whether it goes with the instance, "look inside" (the
// inspector; only while the instance is Stopped, as the cloud's in-use rule allows) and Detach for data disks.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { inspectorHref } from '../route';
import { categoryName } from './categories';
import type { Disk, KeyInfo } from './ecs-client';
import { ecsHref } from './ecs-route';
import { EncryptionCell } from './EncryptionCell';
import { canDo } from './instance-rules';
import { ProgressCell } from './ProgressCell';

export interface InstanceDiskTableProps {
  disks: readonly Disk[];
  keys: readonly KeyInfo[];
  status: string;
  isBusy: boolean;
  onDetach(diskId: string): void;
}

export function InstanceDiskTable(props: InstanceDiskTableProps) {
  const { t, locale } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table ecs-table instance-disks" data-testid="instance-disks">
        <caption>{t('instances.disks.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('instances.col.device')}</th>
            <th scope="col">{t('ecs.col.disk')}</th>
            <th scope="col">{t('ecs.col.category')}</th>
            <th scope="col">{t('ecs.col.encryption')}</th>
            <th scope="col">{t('instances.col.goesWith')}</th>
            <th scope="col">{t('instances.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.disks}>
            {(disk) => (
              <tr data-disk-id={disk.DiskId} data-type={disk.Type}>
                <td>
                  <code class="instance-device">{disk.Device || '—'}</code>
                  <div class="ecs-small">{t(disk.Type === 'system' ? 'instances.disk.systemShort' : 'instances.disk.dataShort')}</div>
                </td>
                <th scope="row">
                  <a href={ecsHref('disks', disk.DiskId)} class="ecs-table__name">{disk.DiskName || <code>{disk.DiskId}</code>}</a>
                  <Show when={disk.DiskName}><code class="kms-id">{disk.DiskId}</code></Show>
                  <Show when={disk.Status !== 'In_use'}><ProgressCell status={disk.Status} /></Show>
                </th>
                <td>{categoryName(disk.Category, locale())}{disk.PerformanceLevel ? ` ${disk.PerformanceLevel}` : ''} · {disk.Size} GiB</td>
                <td><EncryptionCell encrypted={disk.Encrypted} keyId={disk.KMSKeyId} keys={props.keys} /></td>
                <td>{disk.DeleteWithInstance === false ? t('instances.disk.stays') : t('instances.disk.goes')}</td>
                <td>
                  <div class="instance-row-actions">
                    <Show when={canDo('lookInside', props.status)} fallback={<span class="ecs-small muted" data-testid="look-inside-later">{t('instances.disk.lookInsideStopped')}</span>}>
                      <a class="button button--quiet button--small" href={inspectorHref(disk.DiskId)} data-testid="look-inside">{t('instances.disk.lookInside')}</a>
                    </Show>
                    <Show when={disk.Type !== 'system'}>
                      <button type="button" class="button button--quiet button--small" disabled={props.isBusy || !canDo('detach', props.status)}
                        onClick={() => props.onDetach(disk.DiskId)} data-testid="detach-disk">{t('instances.disk.detach')}</button>
                    </Show>
                  </div>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
