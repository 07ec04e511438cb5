// AttachDisk (cloud-api.md §2.7): an Available data disk of the instance's zone, with DeleteWithInstance.
// Under v86 the guest sees hda and hdb only: a disk attached while running appears at the next start.
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { createEcsAction } from './ecs-action';
import type { Disk, EcsClient, KeyInfo } from './ecs-client';
import { ecsHref } from './ecs-route';
import { canDo } from './instance-rules';
import { keyName } from './use-keys';

export interface InstanceAttachDiskFormProps {
  client: EcsClient;
  instanceId: string;
  status: string;
  /** Available data disks in the instance's zone. */
  candidates: readonly Disk[];
  keys: readonly KeyInfo[];
  regionId?: string;
}

export function InstanceAttachDiskForm(props: InstanceAttachDiskFormProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [diskId, setDiskId] = createSignal('');
  const [goesWith, setGoesWith] = createSignal(false);
  const action = createEcsAction();
  const chosen = () => (props.candidates.some((d) => d.DiskId === diskId()) ? diskId() : props.candidates[0]?.DiskId ?? '');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!chosen()) return;
    await action.run(() => props.client.ecs('AttachDisk', { InstanceId: props.instanceId, DiskId: chosen(), DeleteWithInstance: goesWith() }, props.regionId));
  };
  const label = (d: Disk) => `${d.DiskName || d.DiskId} — ${d.Size} GiB${d.Encrypted ? ` · ${t('ecs.encryption.yes')} (${keyName(d.KMSKeyId, props.keys)})` : ''}`;
  return (
    <form class="panel kms-form instance-attach" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="attach-disk-form">
      <h3 id={`${id}-title`}>{t('instances.attach.title')}</h3>
      <p class="ecs-small">{t('instances.attach.intro')}</p>
      <Show when={props.candidates.length > 0} fallback={
        <p class="muted" data-testid="no-attachable">{t('instances.attach.none')} <a href={ecsHref('disks', undefined, { create: '1' })}>{t('ecs.create.open')}</a></p>
      }>
        <div class="kms-field">
          <label for={`${id}-disk`}>{t('ecs.col.disk')}</label>
          <select id={`${id}-disk`} value={chosen()} onChange={(e) => setDiskId(e.currentTarget.value)} data-testid="attach-disk-select">
            <For each={props.candidates}>{(d) => <option value={d.DiskId} selected={chosen() === d.DiskId}>{label(d)}</option>}</For>
          </select>
        </div>
        <label class="kms-check">
          <input type="checkbox" checked={goesWith()} onChange={(e) => setGoesWith(e.currentTarget.checked)} data-testid="attach-delete-with-instance" />
          {t('instances.disk.deleteWithInstance')}
        </label>
        <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="attach-error" />}</Show>
        <div class="kms-actions">
          <button type="submit" class="button" disabled={action.isBusy() || !canDo('attach', props.status)} data-testid="attach-disk">{t('instances.attach.submit')}</button>
        </div>
      </Show>
    </form>
  );
}
