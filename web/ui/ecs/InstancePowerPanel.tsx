// The power actions of one instance: Start, Stop and Reboot with ForceStop (the way out of a guest that
// hangs because its key was refused at boot), and Release behind a confirmation that names the disks
// going with it. Each button works only in a status that allows it, and says which status it needs.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { Disk, Instance } from './ecs-client';
import { InstanceDeleteConfirm } from './InstanceDeleteConfirm';
import { canDo, neededStatusKey, type InstanceAction } from './instance-rules';

export interface InstancePowerPanelProps {
  instance: Instance;
  disks: readonly Disk[];
  isBusy: boolean;
  onStart(): void;
  onStop(force: boolean): void;
  onReboot(force: boolean): void;
  onDelete(force: boolean): void;
}

export function InstancePowerPanel(props: InstancePowerPanelProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [force, setForce] = createSignal(false);
  const [isConfirming, setConfirming] = createSignal(false);
  const status = () => props.instance.Status;
  const why = (action: InstanceAction) => (canDo(action, status()) ? undefined : t(neededStatusKey(action)));
  return (
    <section class="panel instance-power" aria-labelledby={`${id}-title`} data-testid="power-panel">
      <h3 id={`${id}-title`}>{t('instances.power.title')}</h3>
      <div class="kms-actions">
        <button type="button" class="button" disabled={props.isBusy || !canDo('start', status())} title={why('start')} onClick={() => props.onStart()} data-testid="start-instance">{t('instances.action.start')}</button>
        <button type="button" class="button button--quiet" disabled={props.isBusy || !canDo('stop', status())} title={why('stop')} onClick={() => props.onStop(force())} data-testid="stop-instance">{t('instances.action.stop')}</button>
        <button type="button" class="button button--quiet" disabled={props.isBusy || !canDo('reboot', status())} title={why('reboot')} onClick={() => props.onReboot(force())} data-testid="reboot-instance">{t('instances.action.reboot')}</button>
      </div>
      <label class="kms-check">
        <input type="checkbox" checked={force()} onChange={(e) => setForce(e.currentTarget.checked)} aria-describedby={`${id}-force`} data-testid="force-stop" />
        {t('instances.power.forceStop')}
      </label>
      <p class="ecs-small" id={`${id}-force`}>{t('instances.power.forceStopNote')}</p>
      <Show when={isConfirming()} fallback={
        <button type="button" class="button button--danger" disabled={props.isBusy || !canDo('delete', status())} title={why('delete')}
          onClick={() => setConfirming(true)} data-testid="delete-instance">{t('instances.action.delete')}</button>
      }>
        <InstanceDeleteConfirm instance={props.instance} disks={props.disks} isBusy={props.isBusy}
          onConfirm={(f) => props.onDelete(f)} onCancel={() => setConfirming(false)} />
      </Show>
    </section>
  );
}
