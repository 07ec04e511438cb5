// The instance list's table: name, id (a link to the instance) and zone, status, type with vCPU and memory,
// image, the encryption of the system disk and of each data disk with the key's health mark, and
// the row's actions (start, stop, reboot, release, VNC console), each offered only in a status that allows it.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { categoryName } from './categories';
import type { Disk, Instance, KeyInfo } from './ecs-client';
import { consoleHref, ecsHref } from './ecs-route';
import { EncryptionCell } from './EncryptionCell';
import { canDo, cpuMemory, neededStatusKey, type InstanceDisks } from './instance-rules';
import { ProgressCell } from './ProgressCell';

export type RowAction = 'start' | 'stop' | 'reboot';

export interface InstanceTableProps {
  instances: readonly Instance[];
  disks: ReadonlyMap<string, InstanceDisks>;
  keys: readonly KeyInfo[];
  isBusy: boolean;
  onAction(instanceId: string, action: RowAction): void;
  onDelete(instanceId: string): void;
}

function DiskGlance(props: { disk: Disk; keys: readonly KeyInfo[] }) {
  const { locale } = useI18n();
  return (
    <div class="instance-glance" data-disk-id={props.disk.DiskId} data-testid="disk-glance">
      <a href={ecsHref('disks', props.disk.DiskId)} class="ecs-small"><code>{props.disk.Device || props.disk.DiskId}</code></a>{' '}
      <span class="ecs-small">{categoryName(props.disk.Category, locale())} · {props.disk.Size} GiB</span>
      <EncryptionCell encrypted={props.disk.Encrypted} keyId={props.disk.KMSKeyId} keys={props.keys} />
    </div>
  );
}

export function InstanceTable(props: InstanceTableProps) {
  const { t } = useI18n();
  const button = (instance: Instance, action: RowAction, label: string) => (
    <button type="button" class="button button--quiet button--small" disabled={props.isBusy || !canDo(action, instance.Status)}
      title={canDo(action, instance.Status) ? undefined : t(neededStatusKey(action))} onClick={() => props.onAction(instance.InstanceId, action)}
      data-testid={`row-${action}`}>{label}</button>
  );
  return (
    <div class="table-wrap">
      <table class="table ecs-table instance-table" data-testid="instance-table">
        <caption>{t('instances.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('instances.col.instance')}</th>
            <th scope="col">{t('ecs.col.status')}</th>
            <th scope="col">{t('instances.col.type')}</th>
            <th scope="col">{t('instances.col.image')}</th>
            <th scope="col">{t('instances.col.systemDisk')}</th>
            <th scope="col">{t('instances.col.dataDisks')}</th>
            <th scope="col">{t('instances.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.instances}>
            {(instance) => {
              const disks = () => props.disks.get(instance.InstanceId) ?? { data: [] };
              const size = () => cpuMemory(instance.Cpu, instance.Memory);
              return (
                <tr data-instance-id={instance.InstanceId}>
                  <th scope="row">
                    <a href={ecsHref('instances', instance.InstanceId)} class="ecs-table__name">{instance.InstanceName || instance.InstanceId}</a>
                    <code class="kms-id">{instance.InstanceId}</code>
                    <span class="ecs-small" data-testid="instance-zone">{instance.ZoneId}</span>
                  </th>
                  <td><ProgressCell status={instance.Status} /></td>
                  <td>
                    <code>{instance.InstanceType}</code>
                    <div class="ecs-small">{t('instances.cpuMemory', { cpu: size().cpu, memory: size().memoryGiB })}</div>
                  </td>
                  <td class="instance-image-cell">
                    <Show when={instance.OSName}><div>{instance.OSName}</div></Show>
                    <a href={ecsHref('images', instance.ImageId)} class="ecs-small"><code class="instance-image-id">{instance.ImageId}</code></a>
                  </td>
                  <td data-testid="system-disk-cell">
                    <Show when={disks().system} fallback={<span class="muted">{t('common.none')}</span>}>
                      {(d) => <DiskGlance disk={d()} keys={props.keys} />}
                    </Show>
                  </td>
                  <td data-testid="data-disks-cell">
                    <Show when={disks().data.length > 0} fallback={<span class="muted">{t('common.none')}</span>}>
                      <For each={disks().data}>{(d) => <DiskGlance disk={d} keys={props.keys} />}</For>
                    </Show>
                  </td>
                  <td>
                    <div class="instance-row-actions">
                      {button(instance, 'start', t('instances.action.start'))}
                      {button(instance, 'stop', t('instances.action.stop'))}
                      {button(instance, 'reboot', t('instances.action.reboot'))}
                      <button type="button" class="button button--quiet button--small button--danger" disabled={props.isBusy || !canDo('delete', instance.Status)}
                        title={canDo('delete', instance.Status) ? undefined : t(neededStatusKey('delete'))} onClick={() => props.onDelete(instance.InstanceId)}
                        data-testid="row-delete">{t('instances.action.delete')}</button>
                      <a class="button button--quiet button--small" href={consoleHref(instance.InstanceId)} data-testid="row-console">{t('instances.action.console')}</a>
                    </div>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}
