// The lab's disks as a radio group of cards (arrow keys move the choice): name, size, how it
// is encrypted, whether its key is loaded in this page, and how many chunks are written.
import { For, Show, createUniqueId } from 'solid-js';
import type { DiskRecord } from '../../core/disks/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatBytes } from '../format-bytes';
import { allocatedChunks, encryptionKind, totalChunks } from './disk-summary';

export interface DiskListProps {
  disks: readonly DiskRecord[];
  selectedId?: string;
  hasKey(diskId: string): boolean;
  isBusy(diskId: string): boolean;
  onSelect(diskId: string): void;
}

export function DiskList(props: DiskListProps) {
  const { t, locale } = useI18n();
  const name = createUniqueId();
  return (
    <fieldset class="disk-list" data-testid="disk-list">
      <legend class="visually-hidden">{t('disks.choose')}</legend>
      <For each={props.disks}>
        {(disk) => {
          const kind = () => encryptionKind(disk);
          return (
            <label class="disk-card" classList={{ 'disk-card--selected': disk.id === props.selectedId }} data-disk-name={disk.name}>
              <input
                type="radio"
                class="visually-hidden"
                name={name}
                value={disk.id}
                checked={disk.id === props.selectedId}
                onChange={() => props.onSelect(disk.id)}
              />
              <span class="disk-card__name">{disk.name}</span>
              <span class="disk-card__facts muted">
                {formatBytes(disk.sizeBytes, locale())} · {t('disks.chunks', { allocated: allocatedChunks(disk), total: totalChunks(disk) })}
              </span>
              <span class="disk-card__badges">
                <span class="badge" classList={{ 'badge--ok': kind() !== 'none' }}>{t(`disks.encryption.${kind()}`)}</span>
                <Show when={kind() !== 'none'}>
                  <span class="badge" classList={{ 'badge--key': props.hasKey(disk.id) }}>
                    {t(props.hasKey(disk.id) ? 'disks.key.loaded' : 'disks.key.absent')}
                  </span>
                </Show>
                <Show when={props.isBusy(disk.id)}>
                  <span class="badge badge--bad">{t('disks.busy')}</span>
                </Show>
                <Show when={disk.state === 'lost'}>
                  <span class="badge badge--bad">{t('disks.lost')}</span>
                </Show>
              </span>
            </label>
          );
        }}
      </For>
    </fieldset>
  );
}
