// The instance list (#/ecs/instances): DescribeInstances for the region with one DescribeDisks grouped by
// InstanceId, so every disk's encryption and key health shows at a glance; row actions (start, stop,
// reboot, release, console); the launch form (RunInstances, ?launch=1 opens it) and, after a launch,
// the new ids. Polls while an instance is Pending, Starting or Stopping (use-refresh.ts).
import { Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import type { EcsPageProps } from './DiskListPage';
import { createEcsAction } from './ecs-action';
import type { Disk, Instance } from './ecs-client';
import { ecsHref } from './ecs-route';
import { InstanceDeleteConfirm } from './InstanceDeleteConfirm';
import { InstanceLaunchForm } from './InstanceLaunchForm';
import { disksByInstance, isTransitional, type InstanceDisks } from './instance-rules';
import { InstanceTable, type RowAction } from './InstanceTable';
import { useRegion } from './region-context';
import { useRefresh } from './use-refresh';

const ROW_ACTIONS: Record<RowAction, string> = { start: 'StartInstance', stop: 'StopInstance', reboot: 'RebootInstance' };

export function InstanceListPage(props: EcsPageProps) {
  const { t } = useI18n();
  const region = useRegion();
  const [instances, setInstances] = createSignal<Instance[]>();
  const [disks, setDisks] = createSignal<ReadonlyMap<string, InstanceDisks>>(new Map());
  const [allDisks, setAllDisks] = createSignal<Disk[]>([]);
  const [isLaunching, setLaunching] = createSignal(props.query.launch === '1');
  const [launched, setLaunched] = createSignal<string[]>([]);
  const [deleting, setDeleting] = createSignal<string>();
  const load = createEcsAction();
  const action = createEcsAction();

  const refresh = async () => {
    const done = await load.run(async () => {
      const [list, diskList] = await Promise.all([props.client.instances(), props.client.disks()]);
      await props.keys.load();
      return { list, diskList };
    });
    if (!done) return;
    setInstances(done.value.list);
    setAllDisks(done.value.diskList);
    setDisks(disksByInstance(done.value.diskList));
    if (deleting() && !done.value.list.some((i) => i.InstanceId === deleting())) setDeleting(undefined);
  };
  useRefresh(refresh, () => (instances() ?? []).some((i) => isTransitional(i.Status)) || allDisks().some((d) => d.Status === 'Creating'));

  const rowAction = async (instanceId: string, which: RowAction) => {
    await action.run(() => props.client.ecs(ROW_ACTIONS[which], { InstanceId: instanceId }));
  };
  const remove = async (instanceId: string, force: boolean) => {
    const done = await action.run(() => props.client.ecs('DeleteInstance', { InstanceId: instanceId, ...(force ? { Force: true } : {}) }));
    if (done) setDeleting(undefined);
  };
  const onLaunched = (ids: string[]) => {
    setLaunching(false);
    setLaunched(ids);
    if (location.hash.includes('?')) history.replaceState(null, '', ecsHref('instances'));
    void refresh();
  };
  const deletingInstance = () => instances()?.find((i) => i.InstanceId === deleting());

  return (
    <section class="panel" aria-labelledby="ecs-instances-title" data-testid="instance-list">
      <div class="panel__head">
        <h2 id="ecs-instances-title">{t('instances.title')}</h2>
        <div class="kms-actions">
          <Show when={load.isBusy()}><span class="spinner" role="status" aria-label={t('ecs.loading')} /></Show>
          <button type="button" class="button button--quiet" disabled={load.isBusy()} onClick={() => void refresh()}>{t('ecs.refresh')}</button>
          <button type="button" class="button" aria-expanded={isLaunching()} onClick={() => setLaunching(!isLaunching())} data-testid="open-launch">{t('instances.launch.open')}</button>
        </div>
      </div>
      <p class="ecs-small">{t('instances.intro')}</p>
      <Show when={launched().length > 0}>
        <p class="notice notice--info" role="status" data-testid="instances-launched" data-ids={launched().join(' ')}>
          {t('instances.launch.done')}{' '}
          {launched().map((instanceId, i) => <>{i > 0 ? ', ' : ''}<a href={ecsHref('instances', instanceId)}><code>{instanceId}</code></a></>)}
        </p>
      </Show>
      {/* Keyed on the region: the form's zones, images and types are the region's. */}
      <Show when={isLaunching() && region.regionId()} keyed>
        {(_regionId) => <InstanceLaunchForm client={props.client} keys={props.keys.keys()} region={props.region} onLaunched={onLaunched} onCancel={() => setLaunching(false)} />}
      </Show>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="instance-action-error" />}</Show>
      <Show when={deletingInstance()}>
        {(instance) => (
          <InstanceDeleteConfirm instance={instance()} disks={[disks().get(instance().InstanceId)?.system, ...(disks().get(instance().InstanceId)?.data ?? [])].filter((d): d is Disk => d !== undefined)}
            isBusy={action.isBusy()} onConfirm={(force) => void remove(instance().InstanceId, force)} onCancel={() => setDeleting(undefined)} />
        )}
      </Show>
      <Show when={instances()} fallback={<p class="muted">{t('ecs.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted" data-testid="no-instances">{t('instances.empty')}</p>}>
            <InstanceTable instances={list()} disks={disks()} keys={props.keys.keys()} isBusy={action.isBusy()}
              onAction={(instanceId, which) => void rowAction(instanceId, which)} onDelete={(instanceId) => { action.clearError(); setDeleting(instanceId); }} />
          </Show>
        )}
      </Show>
    </section>
  );
}
