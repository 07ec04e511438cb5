// An instance's VNC console (#/ecs/instances/<id>/console; issue 6 item 6): the guest's screen, which
// takes the keyboard only while it has focus, "Send Ctrl+Alt+Del", the instance's status
// (DescribeInstances), and beside the screen the hypervisor panel: keys fetched, keys refused, and why
// a disabled key does not stop a running machine. The machine itself is the host's (machine-context).
import { For, Show, createSignal, createUniqueId, onCleanup, onMount } from 'solid-js';
import type { HypervisorEvent } from '../../core/ecs/instance-ports';
import { useI18n } from '../../i18n/I18nProvider';
import { isoSeconds } from '../clock/clock-format';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { keyHref, routeHref } from '../route';
import type { EcsPageProps } from './DiskListPage';
import { createEcsAction } from './ecs-action';
import type { Instance } from './ecs-client';
import { screenKey } from './console-keys';
import { ecsHref } from './ecs-route';
import { useMachines, type MachineView } from './machine-context';
import { ProgressCell } from './ProgressCell';
import { useRefresh } from './use-refresh';
import './console.css';

const TRANSITIONAL = new Set(['Pending', 'Starting', 'Stopping']);

export function InstanceConsolePage(props: EcsPageProps & { instanceId: string }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const machines = useMachines();
  const region = () => props.query.region;
  const [instance, setInstance] = createSignal<Instance | null>();
  const [view, setView] = createSignal<MachineView>(machines?.view(props.instanceId) ?? { screen: 'unknown', isBusy: false });
  const [events, setEvents] = createSignal<readonly HypervisorEvent[]>(machines?.hypervisor.events(props.instanceId) ?? []);
  const load = createEcsAction();
  const reboot = createEcsAction();
  let screen!: HTMLDivElement;

  const refresh = async () => {
    const done = await load.run(async () => (await props.client.instances({ InstanceIds: [props.instanceId] }, region()))[0] ?? null);
    if (done) setInstance(done.value);
  };
  useRefresh(refresh, () => TRANSITIONAL.has(instance()?.Status ?? ''));

  onMount(() => {
    if (!machines) return;
    onCleanup(machines.attach(props.instanceId, screen));
    onCleanup(machines.subscribe((instanceId) => {
      if (instanceId !== props.instanceId) return;
      const next = machines.view(instanceId);
      // The guest powering itself off changes the instance without an API call: read its status again.
      if (next.screen !== view().screen) void refresh();
      setView(next);
    }));
    onCleanup(machines.hypervisor.subscribe((instanceId) => {
      if (instanceId === props.instanceId) setEvents([...machines.hypervisor.events(instanceId)]);
    }));
  });

  // v86 hears keys on window; stopping one here keeps it from v86 (console-keys.ts says which and why).
  const onKeyDown = (event: KeyboardEvent) => {
    const kind = screenKey(event);
    if (kind === 'key') return;
    event.stopPropagation(); // 'leave': the browser moves the focus on; the guest never sees Tab
    if (kind === 'character') {
      event.preventDefault();
      machines?.typeCharacter(props.instanceId, event.key);
    }
  };
  const sendCtrlAltDel = () => {
    if (machines) void reboot.run(() => machines.ctrlAltDel(props.instanceId));
  };
  const newestFirst = () => [...events()].reverse();

  return (
    <section class="ecs-detail vm-console" aria-labelledby={`${id}-title`} data-testid="instance-console">
      <p><a href={ecsHref('instances', props.instanceId, { region: region() })}>{t('console.back', { id: props.instanceId })}</a></p>
      <h2 id={`${id}-title`} tabindex="-1">{t('console.title', { name: instance()?.InstanceName || props.instanceId })}</h2>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={instance() === null}><p class="muted" data-testid="not-found">{t('ecs.notFound', { id: props.instanceId })}</p></Show>
      <dl class="kms-metadata ecs-metadata vm-console__facts">
        <div class="kms-metadata__row"><dt>InstanceId</dt><dd><code>{props.instanceId}</code></dd></div>
        <div class="kms-metadata__row"><dt>{t('console.status')}</dt><dd data-testid="instance-status">
          <Show when={instance()} fallback={<span class="muted">{t('ecs.loading')}</span>}>{(i) => <ProgressCell status={i().Status} />}</Show>
        </dd></div>
      </dl>
      <div class="vm-console__layout">
        <section class="vm-console__screen" aria-labelledby={`${id}-screen`}>
          <h3 id={`${id}-screen`} class="visually-hidden">{t('console.screen.region')}</h3>
          <div
            ref={screen}
            class="vm-screen"
            tabindex="0"
            role="application"
            aria-label={t('console.screen.label', { id: props.instanceId })}
            aria-describedby={`${id}-hint`}
            data-testid="vnc-screen"
            data-screen={view().screen}
            onFocus={() => machines?.setKeyboardFocus(props.instanceId, true)}
            onBlur={() => machines?.setKeyboardFocus(props.instanceId, false)}
            on:keydown={onKeyDown}
          />
          <p id={`${id}-hint`} class="ecs-small">{t('console.screen.hint')}</p>
          <div class="vm-console__toolbar">
            <button
              type="button"
              class="button button--quiet"
              disabled={view().screen !== 'running' || view().isBusy || reboot.isBusy()}
              aria-describedby={`${id}-cad`}
              onClick={sendCtrlAltDel}
              data-testid="send-ctrl-alt-del"
            >{t('console.ctrlAltDel')}</button>
            <span id={`${id}-cad`} class="ecs-small">{t('console.ctrlAltDel.note')}</span>
          </div>
          <Show when={reboot.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
        </section>
        <aside class="panel vm-console__panel" aria-labelledby={`${id}-panel`} data-testid="hypervisor-panel">
          <h3 id={`${id}-panel`}>{t('console.panel.title')}</h3>
          <MachineState view={view()} instanceId={props.instanceId} region={region()} />
          <p class="ecs-small">{t('console.panel.intro')}</p>
          <p class="notice vm-console__note" data-testid="running-key-note">{t('console.panel.runningNote')}</p>
          <Show when={events().length > 0} fallback={<p class="ecs-small muted" data-testid="no-events">{t('console.panel.empty')}</p>}>
            <ol class="vm-events" aria-label={t('console.panel.events')} data-testid="hypervisor-events">
              <For each={newestFirst()}>{(event) => <EventItem event={event} />}</For>
            </ol>
          </Show>
          <p class="ecs-small"><a href={routeHref('audit')}>{t('console.panel.audit')}</a></p>
        </aside>
      </div>
    </section>
  );
}

/** One line on what the machine is doing (live region: a screen reader hears it change). */
function MachineState(props: { view: MachineView; instanceId: string; region?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" class="vm-state" data-testid="machine-state" data-screen={props.view.screen}>
      <p classList={{ 'vm-state__black': props.view.screen === 'black' }}>{t(`console.state.${props.view.screen}`)}</p>
      <Show when={props.view.screen === 'stopped'}>
        <p><a href={ecsHref('instances', props.instanceId, { region: props.region })} data-testid="to-instance">{t('console.toInstance')}</a></p>
      </Show>
      <Show when={props.view.isBusy}><p class="muted">{t('console.busy')}</p></Show>
      <Show when={props.view.error}>{(message) => <p class="error-note" data-testid="machine-error">{t('console.error', { message: message() })}</p>}</Show>
    </div>
  );
}

function EventItem(props: { event: HypervisorEvent }) {
  const { t } = useI18n();
  const e = () => props.event;
  return (
    <li class="vm-event" classList={{ 'vm-event--refused': e().kind === 'key-refused' }} data-kind={e().kind}>
      <p class="vm-event__what">
        <strong>{t(`console.event.${e().kind}`)}</strong>
        <Show when={e().reason}>{(reason) => <span class="muted"> · {t(`console.reason.${reason()}`)}</span>}</Show>
      </p>
      <dl class="vm-event__facts">
        <dt>{t('console.panel.time')}</dt><dd><time datetime={new Date(e().atMs).toISOString()}>{isoSeconds(e().atMs)}</time></dd>
        <Show when={e().diskId}>{(diskId) => <><dt>{t('console.panel.disk')}</dt><dd><a href={ecsHref('disks', diskId())}><code>{diskId()}</code></a></dd></>}</Show>
        <Show when={e().keyId}>{(keyId) => <><dt>{t('console.panel.key')}</dt><dd><a href={keyHref(keyId())}><code>{keyId()}</code></a></dd></>}</Show>
        <Show when={e().requestId}>{(requestId) => <><dt>{t('console.panel.request')}</dt><dd><code data-testid="event-request-id">{requestId()}</code></dd></>}</Show>
      </dl>
      <Show when={e().code}>
        <p class="vm-event__error" lang="en"><code data-testid="event-code">{e().code}</code> {e().message}</p>
      </Show>
    </li>
  );
}
