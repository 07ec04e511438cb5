// Previous / next paging with "1–10 of 23" and a page-size choice; plain buttons, so the keyboard
// works, and the range is announced politely when it changes.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { PAGE_SIZES, pageCount, pageRange } from './paging';

export interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  label: string;
  isBusy?: boolean;
  onPage(page: number): void;
  onPageSize?(size: number): void;
}

export function Pager(props: PagerProps) {
  const { t } = useI18n();
  const range = () => pageRange(props.page, props.pageSize, props.total);
  const pages = () => pageCount(props.total, props.pageSize);
  return (
    <nav class="kms-pager" aria-label={props.label}>
      <button type="button" class="button button--quiet" disabled={props.isBusy || props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t('kms.pager.previous')}
      </button>
      <span class="kms-pager__range" aria-live="polite" data-testid="pager-range">
        {t('kms.pager.range', { first: range().first, last: range().last, total: props.total })}
      </span>
      <button type="button" class="button button--quiet" disabled={props.isBusy || props.page >= pages()} onClick={() => props.onPage(props.page + 1)}>
        {t('kms.pager.next')}
      </button>
      <Show when={props.onPageSize}>
        <label class="kms-pager__size">
          {t('kms.pager.size')}
          <select value={props.pageSize} onChange={(e) => props.onPageSize!(Number(e.currentTarget.value))}>
            <For each={PAGE_SIZES}>{(size) => <option value={size}>{size}</option>}</For>
          </select>
        </label>
      </Show>
    </nav>
  );
}
