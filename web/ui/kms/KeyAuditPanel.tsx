// A key's own audit records on its detail page: the calls that named the key, newest first (the
// latest 20; reads such as DescribeKey only when asked, since the console itself makes many), with
// a link to the whole trail.
import { Show, createMemo, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../route';
import { useAuditReader, type AuditReader } from './audit-reader-context';
import { actionKind, filterRecords, NO_FILTER } from './audit-view';
import { AuditTable } from './AuditTable';
import { CloudErrorNote } from './CloudErrorNote';
import { useAuditRecords } from './use-audit-records';
import './audit.css';

const SHOWN = 20;

export function KeyAuditPanel(props: { keyId: string }) {
  const { t } = useI18n();
  const reader = useAuditReader();
  return (
    <section class="panel" aria-labelledby="key-audit-title" data-testid="key-audit-panel">
      <h2 id="key-audit-title">{t('kms.detail.audit')}</h2>
      <Show when={reader} fallback={<p class="notice">{t('kms.audit.unavailable')}</p>}>
        {(r) => <KeyRecords reader={r()} keyId={props.keyId} />}
      </Show>
    </section>
  );
}

function KeyRecords(props: { reader: AuditReader; keyId: string }) {
  const { t } = useI18n();
  const { records, error } = useAuditRecords(props.reader);
  const [withReads, setWithReads] = createSignal(false);
  const mine = createMemo(() => filterRecords(records() ?? [], { ...NO_FILTER, keyId: props.keyId })
    .filter((r) => withReads() || actionKind(r.action) !== 'read'));
  return (
    <>
      <Show when={error()}>{(e) => <CloudErrorNote error={e()} />}</Show>
      <p class="muted">{t('kms.detail.auditCount', { shown: Math.min(SHOWN, mine().length), total: mine().length })} <a href={routeHref('audit')}>{t('kms.detail.auditAll')}</a>
        <label class="kms-reads"><input type="checkbox" checked={withReads()} onChange={(e) => setWithReads(e.currentTarget.checked)} />{t('kms.detail.auditReads')}</label>
      </p>
      <Show when={mine().length > 0}>
        <AuditTable records={mine().slice(0, SHOWN)} caption={t('kms.detail.auditCaption')} showKey={false} />
      </Show>
    </>
  );
}
