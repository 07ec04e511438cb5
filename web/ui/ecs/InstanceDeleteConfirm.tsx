// The confirmation before DeleteInstance: which disks are released with the instance (DeleteWithInstance)
// and which stay as Available disks, and Force for a Running instance (without it the cloud answers
// IncorrectInstanceStatus). Keys are released from the pool either way; a disk's key state does not matter.
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { Disk, Instance } from './ecs-client';
import { ecsHref } from './ecs-route';
import { deletionFate } from './instance-rules';

export function InstanceDeleteConfirm(props: { instance: Instance; disks: readonly Disk[]; isBusy: boolean; onConfirm(force: boolean): void; onCancel(): void }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [force, setForce] = createSignal(false);
  const fate = () => deletionFate(props.disks);
  const diskLabel = (d: Disk) => `${d.Device ? `${d.Device} ` : ''}(${t(d.Type === 'system' ? 'instances.disk.systemShort' : 'instances.disk.dataShort')})`;
  return (
    <section class="kms-confirm" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} data-testid="delete-instance-confirm">
      <h4 id={`${id}-title`}>{t('instances.delete.title', { id: props.instance.InstanceId })}</h4>
      <p id={`${id}-body`} class="kms-confirm__warning">{t('instances.delete.body')}</p>
      <Show when={fate().released.length > 0}>
        <p>{t('instances.delete.released')}</p>
        <ul data-testid="disks-released">
          <For each={fate().released}>{(d) => <li data-disk-id={d.DiskId}><a href={ecsHref('disks', d.DiskId)}><code>{d.DiskId}</code></a> {diskLabel(d)}</li>}</For>
        </ul>
      </Show>
      <Show when={fate().kept.length > 0}>
        <p>{t('instances.delete.kept')}</p>
        <ul data-testid="disks-kept">
          <For each={fate().kept}>{(d) => <li data-disk-id={d.DiskId}><a href={ecsHref('disks', d.DiskId)}><code>{d.DiskId}</code></a> {diskLabel(d)}</li>}</For>
        </ul>
      </Show>
      <Show when={props.instance.Status !== 'Stopped'}>
        <label class="kms-check">
          <input type="checkbox" checked={force()} onChange={(e) => setForce(e.currentTarget.checked)} data-testid="delete-force" />
          {t('instances.delete.force')}
        </label>
      </Show>
      <div class="kms-actions">
        <button type="button" class="button button--danger" disabled={props.isBusy} onClick={() => props.onConfirm(force())} data-testid="confirm-delete-instance">
          {props.isBusy ? t('ecs.working') : t('instances.action.delete')}
        </button>
        <button type="button" class="button button--quiet" disabled={props.isBusy} onClick={() => props.onCancel()}>{t('common.cancel')}</button>
      </div>
    </section>
  );
}
