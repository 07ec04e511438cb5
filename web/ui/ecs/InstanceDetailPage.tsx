// One instance (#/ecs/instances/<id>): its DescribeInstances fields, what its keys mean for the next boot,
// every disk with its encryption and key health (DescribeDisks InstanceId), the power actions (start,
// stop and reboot with ForceStop, release with Force), the VNC console, CreateImage, attach and detach,
// and ReplaceSystemDisk while Stopped. Polls while the instance or a disk is in a passing status.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import type { EcsPageProps } from './DiskListPage';
import { createEcsAction } from './ecs-action';
import type { Disk, Instance } from './ecs-client';
import { DetailFrame } from './DetailFrame';
import { ecsHref } from './ecs-route';
import { InstanceAttachDiskForm } from './InstanceAttachDiskForm';
import { InstanceCreateImageForm } from './InstanceCreateImageForm';
import { InstanceDiskTable } from './InstanceDiskTable';
import { InstanceKeyNotice } from './InstanceKeyNotice';
import { InstancePowerPanel } from './InstancePowerPanel';
import { InstanceReplaceSystemDiskForm } from './InstanceReplaceSystemDiskForm';
import { cpuMemory, isTransitional } from './instance-rules';
import { InstanceVncPanel } from './InstanceVncPanel';
import { ProgressCell } from './ProgressCell';
import { useRefresh } from './use-refresh';

const PASSING_DISK_STATUSES = ['Creating', 'Attaching', 'Detaching', 'ReIniting'];

export function InstanceDetailPage(props: EcsPageProps & { instanceId: string }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const region = () => props.query.region;
  const [instance, setInstance] = createSignal<Instance | null>();
  const [disks, setDisks] = createSignal<Disk[]>([]);
  const [candidates, setCandidates] = createSignal<Disk[]>([]);
  const [isDeleted, setDeleted] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();

  const refresh = async () => {
    if (isDeleted()) return;
    const done = await load.run(async () => {
      const [found] = await props.client.instances({ InstanceIds: [props.instanceId] }, region());
      if (!found) return { found: null, attached: [], available: [] };
      const [attached, available] = await Promise.all([
        props.client.disks({ InstanceId: props.instanceId }, region()),
        props.client.disks({ ZoneId: found.ZoneId, Status: 'Available', DiskType: 'data' }, region()),
      ]);
      await props.keys.load(region());
      return { found, attached, available };
    });
    if (!done) return;
    setInstance(done.value.found);
    const order = (d: Disk) => (d.Type === 'system' ? '' : d.Device || `~${d.DiskId}`);
    setDisks([...done.value.attached].sort((a, b) => order(a).localeCompare(order(b))));
    setCandidates(done.value.available);
  };
  useRefresh(refresh, () => isTransitional(instance()?.Status ?? '') || disks().some((d) => PASSING_DISK_STATUSES.includes(d.Status)));

  const call = (actionName: string, params: Record<string, unknown> = {}) =>
    action.run(() => props.client.ecs(actionName, { InstanceId: props.instanceId, ...params }, region()));
  const remove = async (force: boolean) => {
    const done = await call('DeleteInstance', force ? { Force: true } : {});
    if (done) {
      setDeleted(true);
      location.hash = ecsHref('instances');
    }
  };
  const systemDisk = () => disks().find((d) => d.Type === 'system');

  return (
    <DetailFrame testId="instance-detail" class="instance-detail" titleId={`${id}-title`} backHref={ecsHref('instances')} backLabel={t('instances.back')}
      title={instance()?.InstanceName || props.instanceId} error={load.error()} item={instance()} resourceId={props.instanceId}>
      {(i) => (
        <>
          <dl class="kms-metadata ecs-metadata">
            <div class="kms-metadata__row"><dt>InstanceId</dt><dd><code data-testid="instance-id">{i().InstanceId}</code></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.status')}</dt><dd data-testid="instance-status" data-status={i().Status}><ProgressCell status={i().Status} /></dd></div>
            <div class="kms-metadata__row"><dt>{t('instances.launch.name')}</dt><dd>{i().InstanceName || <span class="muted">{t('common.none')}</span>}</dd></div>
            <div class="kms-metadata__row"><dt>{t('instances.launch.hostName')}</dt><dd><code>{i().HostName}</code></dd></div>
            <div class="kms-metadata__row"><dt>{t('instances.col.type')}</dt><dd><code>{i().InstanceType}</code> ({i().InstanceTypeFamily})</dd></div>
            <div class="kms-metadata__row"><dt>{t('instances.col.size')}</dt><dd>{t('instances.cpuMemory', { cpu: cpuMemory(i().Cpu, i().Memory).cpu, memory: cpuMemory(i().Cpu, i().Memory).memoryGiB })}</dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.zone')}</dt><dd>{i().RegionId} / {i().ZoneId}</dd></div>
            <div class="kms-metadata__row"><dt>{t('instances.col.image')}</dt><dd>
              <a href={ecsHref('images', i().ImageId, { region: region() })}><code>{i().ImageId}</code></a>
              <Show when={i().OSName}><div class="ecs-small">{i().OSName}</div></Show>
            </dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.created')}</dt><dd>{i().CreationTime}</dd></div>
            <div class="kms-metadata__row"><dt>{t('instances.col.started')}</dt><dd>{i().StartTime || <span class="muted">{t('common.none')}</span>}</dd></div>
          </dl>
          <InstanceKeyNotice disks={disks()} keys={props.keys.keys()} isRunning={i().Status === 'Running'} />
          <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="instance-action-error" />}</Show>
          <div class="ecs-detail__actions">
            <InstancePowerPanel instance={i()} disks={disks()} isBusy={action.isBusy()}
              onStart={() => void call('StartInstance')} onStop={(force) => void call('StopInstance', force ? { ForceStop: true } : {})}
              onReboot={(force) => void call('RebootInstance', force ? { ForceStop: true } : {})} onDelete={(force) => void remove(force)} />
            <InstanceVncPanel client={props.client} instanceId={props.instanceId} regionId={region()} />
            <InstanceCreateImageForm client={props.client} instanceId={props.instanceId} status={i().Status} regionId={region()} />
          </div>
          <section class="instance-disks-section" aria-labelledby={`${id}-disks`}>
            <h3 id={`${id}-disks`}>{t('instances.disks.title')}</h3>
            <InstanceDiskTable disks={disks()} keys={props.keys.keys()} status={i().Status} isBusy={action.isBusy()}
              onDetach={(diskId) => void action.run(() => props.client.ecs('DetachDisk', { InstanceId: props.instanceId, DiskId: diskId }, region()))} />
          </section>
          <div class="ecs-detail__actions">
            <InstanceAttachDiskForm client={props.client} instanceId={props.instanceId} status={i().Status} candidates={candidates()} keys={props.keys.keys()} regionId={region()} />
            <InstanceReplaceSystemDiskForm client={props.client} instance={i()} systemDisk={systemDisk()} keys={props.keys.keys()} region={props.region}
              regionId={region()} isStopped={i().Status === 'Stopped'} />
          </div>
        </>
      )}
    </DetailFrame>
  );
}
