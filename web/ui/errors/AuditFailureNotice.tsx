// Says so when a read-only call answered although its audit record could not be written (issue 4 §8,
// reliability-cases.md T-39): calls that change something fail instead, so only reads reach here.
import { For, Show, createSignal, onCleanup } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabApi } from '../lab-api-context';

interface Failure { action: string; requestId: string; message: string }

export function AuditFailureNotice() {
  const { t } = useI18n();
  const [failures, setFailures] = createSignal<Failure[]>([]);
  onCleanup(useLabApi().onAuditFailure((failure) => setFailures((list) => [...list.slice(-4), failure])));
  return (
    <Show when={failures().length > 0}>
      <div class="notice notice--warn audit-failure" role="status" data-testid="audit-failure">
        <p>{t('errors.auditFailure')}</p>
        <ul>
          <For each={failures()}>
            {(f) => <li><code>{f.action}</code> RequestId <code>{f.requestId}</code>: <span lang="en">{f.message}</span></li>}
          </For>
        </ul>
        <button type="button" class="button button--quiet" onClick={() => setFailures([])}>{t('errors.auditFailure.dismiss')}</button>
      </div>
    </Show>
  );
}
