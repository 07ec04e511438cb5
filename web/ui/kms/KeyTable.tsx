// The key list's table: each key's name (a link to its detail), state badge, aliases, description,
// rotation, origin and creation date; the service key is marked as managed by the cloud.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { keyHref } from '../route';
import { formatLabTime, isServiceKey, keyLabel, rotationSummary, type KeyMetadata } from './key-view';
import { StateBadge } from './StateBadge';

export interface KeyRow {
  metadata: KeyMetadata;
  aliases: string[];
}

export function KeyTable(props: { rows: readonly KeyRow[]; caption: string }) {
  const { t } = useI18n();
  const rotation = (metadata: KeyMetadata) => {
    const summary = rotationSummary(metadata);
    if (summary.status === 'Disabled') return t('kms.rotation.off');
    const every = summary.days !== undefined ? t('kms.rotation.every', { days: summary.days }) : '';
    return summary.status === 'Suspended' ? `${t('kms.rotation.suspended')} ${every}` : every;
  };
  return (
    <div class="table-wrap">
      <table class="table kms-table" data-testid="key-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('kms.col.key')}</th>
            <th scope="col">{t('kms.col.state')}</th>
            <th scope="col">{t('kms.col.aliases')}</th>
            <th scope="col">{t('kms.col.description')}</th>
            <th scope="col">{t('kms.col.rotation')}</th>
            <th scope="col">{t('kms.col.origin')}</th>
            <th scope="col">{t('kms.col.created')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr data-key-id={row.metadata.KeyId}>
                <th scope="row">
                  <a href={keyHref(row.metadata.KeyId)} class="kms-table__name">{keyLabel(row.metadata.KeyId, row.aliases)}</a>
                  <code class="kms-id">{row.metadata.KeyId}</code>
                  <Show when={isServiceKey(row.metadata, row.aliases)}>
                    <span class="badge kms-badge--managed" data-testid="service-key">{t('kms.serviceKey')}</span>
                  </Show>
                </th>
                <td><StateBadge state={row.metadata.KeyState} /></td>
                <td>
                  <Show when={row.aliases.length} fallback={<span class="muted">{t('common.none')}</span>}>
                    <ul class="kms-inline-list"><For each={row.aliases}>{(alias) => <li><code>{alias}</code></li>}</For></ul>
                  </Show>
                </td>
                <td class="kms-table__description">{row.metadata.Description || <span class="muted">{t('common.none')}</span>}</td>
                <td>{rotation(row.metadata)}</td>
                <td><code>{row.metadata.Origin}</code></td>
                <td class="kms-nowrap">{formatLabTime(row.metadata.CreationDate)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
