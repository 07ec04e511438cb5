// The audit trail page (#/audit, issue 4 item 8): every call through the lab's API, newest first,
// filtered by product / action / key / outcome / kind, paged, exported as JSON (a download of the
// filtered records with their hashes), with a live check of the hash chain.
import { Show, createMemo, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useAuditReader, type AuditReader } from './audit-reader-context';
import { exportFileName, exportJson, filterChoices, filterRecords, NO_FILTER, type AuditFilter } from './audit-view';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { ChainCheck } from './ChainCheck';
import { CloudErrorNote } from './CloudErrorNote';
import { Pager } from './Pager';
import { clampPage, pageSlice } from './paging';
import { useAuditRecords } from './use-audit-records';
import './audit.css';
import './kms.css';

export function AuditPage() {
  const { t } = useI18n();
  const reader = useAuditReader();
  return (
    <article class="page kms" data-testid="audit-page">
      <header class="page__header">
        <h1>{t('kms.audit.title')}</h1>
        <p class="lead">{t('kms.audit.intro')}</p>
      </header>
      <Show when={reader} fallback={<p class="notice" data-testid="audit-unavailable">{t('kms.audit.unavailable')}</p>}>
        {(r) => <AuditTrail reader={r()} />}
      </Show>
    </article>
  );
}

function AuditTrail(props: { reader: AuditReader }) {
  const { t } = useI18n();
  const { records, error, reload } = useAuditRecords(props.reader);
  const [filter, setFilter] = createSignal<AuditFilter>(NO_FILTER);
  const [page, setPage] = createSignal(1);
  const [pageSize, setPageSize] = createSignal(20);
  const all = () => records() ?? [];
  const shown = createMemo(() => filterRecords(all(), filter()));
  const choices = createMemo(() => filterChoices(all(), filter().product));
  const currentPage = () => clampPage(page(), shown().length, pageSize());

  const download = () => {
    const now = new Date().toISOString();
    const url = URL.createObjectURL(new Blob([exportJson(shown(), filter(), now)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: exportFileName(now) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <section class="panel" aria-labelledby="audit-records-title">
      <div class="panel__head">
        <h2 id="audit-records-title">{t('kms.audit.records')}</h2>
        <div class="kms-actions">
          <button type="button" class="button button--quiet" onClick={reload}>{t('kms.refresh')}</button>
          <button type="button" class="button" disabled={shown().length === 0} onClick={download} data-testid="audit-export">
            {t('kms.audit.export', { count: shown().length })}
          </button>
        </div>
      </div>
      <Show when={records()} fallback={<p class="muted">{t('kms.loading')}</p>}>
        <ChainCheck records={all()} />
      </Show>
      <Show when={error()}>{(e) => <CloudErrorNote error={e()} />}</Show>
      <AuditFilters filter={filter()} choices={choices()} onChange={(f) => { setFilter(f); setPage(1); }} />
      <p class="muted" data-testid="audit-count">{t('kms.audit.count', { shown: shown().length, total: all().length })}</p>
      <Show when={shown().length > 0} fallback={<p class="muted">{t('kms.audit.empty')}</p>}>
        <AuditTable records={pageSlice(shown(), currentPage(), pageSize())} caption={t('kms.audit.caption')} />
        <Pager page={currentPage()} pageSize={pageSize()} total={shown().length} label={t('kms.audit.pages')}
          onPage={setPage} onPageSize={(size) => { setPageSize(size); setPage(1); }} />
      </Show>
    </section>
  );
}
