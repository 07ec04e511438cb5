// The way to the instance's screen: a link to the lab's VNC console page, and the URL the API gives
// for it (DescribeInstanceVncUrl, cloud-api.md §2.10), shown so it can be copied.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { createEcsAction } from './ecs-action';
import type { EcsClient } from './ecs-client';
import { consoleHref } from './ecs-route';

export function InstanceVncPanel(props: { client: EcsClient; instanceId: string; regionId?: string }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [url, setUrl] = createSignal<string>();
  const [isCopied, setCopied] = createSignal(false);
  const action = createEcsAction();
  const fetchUrl = async () => {
    setCopied(false);
    const done = await action.run(() => props.client.ecs('DescribeInstanceVncUrl', { InstanceId: props.instanceId }, props.regionId));
    if (done) setUrl(String(done.value.VncUrl));
  };
  const copy = async () => {
    const text = url();
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch (error) {
      // No clipboard permission (an iframe, an old browser): the field is selected for a manual copy.
      console.warn('copying the VNC URL:', error);
      const field = document.getElementById(`${id}-url`) as HTMLInputElement | null;
      field?.select();
    }
  };
  return (
    <section class="panel instance-vnc" aria-labelledby={`${id}-title`} data-testid="vnc-panel">
      <h3 id={`${id}-title`}>{t('instances.vnc.title')}</h3>
      <p class="ecs-small">{t('instances.vnc.intro')}</p>
      <div class="kms-actions">
        <a class="button" href={consoleHref(props.instanceId)} data-testid="open-console">{t('instances.vnc.open')}</a>
        <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => void fetchUrl()} data-testid="get-vnc-url">{t('instances.vnc.getUrl')}</button>
      </div>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={url()}>
        {(text) => (
          <div class="kms-inline-form">
            <label for={`${id}-url`}>VncUrl</label>
            <input id={`${id}-url`} class="instance-vnc__url" readOnly value={text()} onFocus={(e) => e.currentTarget.select()} data-testid="vnc-url" />
            <button type="button" class="button button--quiet" onClick={() => void copy()} data-testid="copy-vnc-url">{isCopied() ? t('instances.vnc.copied') : t('instances.vnc.copy')}</button>
          </div>
        )}
      </Show>
    </section>
  );
}
