// Audit records as a table (ActionTrail-like, issue 4 item 8): lab time, caller, product, action,
// key id and version, outcome (or the error code), request id. Shared by the audit page and a key's
// detail page.
import { For, Show } from 'solid-js';
import type { AuditRecord } from '../../core/audit/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatLabTime } from './key-view';


export function AuditTable(props: { records: readonly AuditRecord[]; caption: string; showKey?: boolean }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table kms-audit-table" data-testid="audit-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('kms.audit.col.time')}</th>
            <th scope="col">{t('kms.audit.col.caller')}</th>
            <th scope="col">{t('kms.audit.col.action')}</th>
            <Show when={props.showKey !== false}><th scope="col">{t('kms.audit.col.key')}</th></Show>
            <th scope="col">{t('kms.audit.col.outcome')}</th>
            <th scope="col">RequestId</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.records}>
            {(record) => (
              <tr data-action={record.action} data-outcome={record.outcome} classList={{ 'row--failed': record.outcome === 'Failure' }}>
                <td class="kms-nowrap">{record.seq}</td>
                <td class="kms-nowrap"><time datetime={record.eventTime}>{formatLabTime(record.eventTime)}</time></td>
                <td>
                  {record.caller.userName}
                  <Show when={record.caller.accountId}><code class="kms-id">{record.caller.accountId}</code></Show>
                </td>
                <td><span class="muted">{record.product}</span> <strong>{record.action}</strong></td>
                <Show when={props.showKey !== false}>
                  <td>
                    <Show when={record.keyId} fallback={<span class="muted">{record.resourceId ?? t('common.none')}</span>}>
                      <code class="kms-id">{record.keyId}</code>
                      <Show when={record.keyVersionId}><code class="kms-id muted">v {record.keyVersionId}</code></Show>
                    </Show>
                  </td>
                </Show>
                <td>
                  <Show when={record.outcome === 'Failure'} fallback={<span class="badge kms-badge--ok">{t('kms.audit.success')}</span>}>
                    <code class="kms-audit__code" title={record.errorMessage}>{record.errorCode}</code>
                  </Show>
                </td>
                <td><code class="kms-id">{record.requestId}</code></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
