// Is the audit trail's hash chain intact? Recomputes every record's SHA-256 and link to the one
// before (core/audit findBrokenLink) whenever the records change, and says so plainly.
import { Match, Switch, createResource } from 'solid-js';
import { findBrokenLink } from '../../core/audit/audit-log';
import type { AuditRecord } from '../../core/audit/types';
import { useI18n } from '../../i18n/I18nProvider';

export function ChainCheck(props: { records: readonly AuditRecord[] }) {
  const { t } = useI18n();
  const [broken] = createResource(() => props.records, async (records) => ({ seq: await findBrokenLink([...records]), count: records.length }));
  return (
    <div class="kms-chain" role="status" data-testid="chain-check" data-state={broken.loading ? 'checking' : broken()?.seq === undefined ? 'intact' : 'broken'}>
      <Switch fallback={<span class="muted">{t('kms.audit.chain.checking')}</span>}>
        <Match when={broken.error}>
          <span class="summary summary--failed">{t('kms.audit.chain.error')}</span>
        </Match>
        <Match when={broken() && broken()!.seq === undefined}>
          <span class="summary summary--passed"><span class="summary__icon" aria-hidden="true">✓</span>{t('kms.audit.chain.intact', { count: broken()!.count })}</span>
        </Match>
        <Match when={broken() && broken()!.seq !== undefined}>
          <span class="summary summary--failed"><span class="summary__icon" aria-hidden="true">✗</span>{t('kms.audit.chain.broken', { seq: broken()!.seq! })}</span>
        </Match>
      </Switch>
    </div>
  );
}
