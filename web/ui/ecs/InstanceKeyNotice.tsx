// What the keys mean for this instance (product.md "How it works", FAQ): a running instance keeps its
// data keys in memory, so disabling a key does not stop it — the next start or reboot needs the key
// again. When a disk's key is disabled, pending deletion or destroyed, a warning says the instance will
// not boot again until the key is enabled (destroyed: never).
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { Disk, KeyInfo } from './ecs-client';
import { bootHealth } from './instance-rules';
import { keyHealth } from './key-rules';
import { keyName } from './use-keys';

export function InstanceKeyNotice(props: { disks: readonly Disk[]; keys: readonly KeyInfo[]; isRunning: boolean }) {
  const { t } = useI18n();
  const health = () => bootHealth(props.disks, props.keys);
  const stateOf = (keyId: string) => props.keys.find((k) => k.KeyId === keyId)?.KeyState ?? 'NotFound';
  const affected = () => props.disks.filter((d) => d.Encrypted && d.KMSKeyId && keyHealth(stateOf(d.KMSKeyId)) !== 'readable');
  return (
    <div class="instance-keys">
      <Show when={props.disks.some((d) => d.Encrypted)} fallback={<p class="ecs-small" data-testid="keys-none">{t('instances.keys.none')}</p>}>
        <p class="ecs-why" data-testid="keys-in-memory">{t('instances.keys.inMemory')}</p>
      </Show>
      <Show when={health() !== 'readable'}>
        <div class={`notice instance-warning instance-warning--${health()}`} role="alert" data-testid="boot-warning" data-health={health()}>
          <p><strong>{t(health() === 'unrecoverable' ? 'instances.keys.unrecoverable' : 'instances.keys.unreadable')}</strong></p>
          <Show when={props.isRunning}><p>{t('instances.keys.stillRunning')}</p></Show>
          <ul>
            <For each={affected()}>
              {(d) => (
                <li data-disk-id={d.DiskId}>
                  <code>{d.DiskId}</code> ({d.Device}) — {t('instances.keys.diskKey', { key: keyName(d.KMSKeyId, props.keys), state: stateOf(d.KMSKeyId) === 'NotFound' ? t('instances.keys.destroyed') : stateOf(d.KMSKeyId) })}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </div>
  );
}
