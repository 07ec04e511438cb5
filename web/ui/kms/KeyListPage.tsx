// The KMS console's key list (#/kms): ListKeys page by page (PageNumber/PageSize), each key
// described (DescribeKey) with its aliases (ListAliases), a create-key form, and a refresh after
// any call that may have changed keys. A failed refresh keeps the last list and shows the error.
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabApi } from '../lab-api-context';
import { keyHref } from '../route';
import { isStateChanging } from './audit-view';
import { CloudErrorNote } from './CloudErrorNote';
import { CreateKeyForm } from './CreateKeyForm';
import { kmsClient } from './kms-client';
import { KeyTable, type KeyRow } from './KeyTable';
import { Pager } from './Pager';
import { clampPage, pageCount } from './paging';
import { createAction } from '../use-action';

export function KeyListPage() {
  const { t } = useI18n();
  const api = useLabApi();
  const client = kmsClient(api);
  const [page, setPage] = createSignal(1);
  const [pageSize, setPageSize] = createSignal(10);
  const [rows, setRows] = createSignal<KeyRow[]>();
  const [total, setTotal] = createSignal(0);
  const [isCreating, setCreating] = createSignal(false);
  const [createdId, setCreatedId] = createSignal<string>();
  const load = createAction();
  let generation = 0;

  const refresh = async (wanted = page()) => {
    const mine = ++generation;
    const done = await load.run(async () => {
      let keys = await client.listKeys(wanted, pageSize());
      // A page emptied by a deletion (or a smaller page size): show the last page that has keys.
      if (keys.keyIds.length === 0 && keys.totalCount > 0) keys = await client.listKeys(clampPage(wanted, keys.totalCount, pageSize()), pageSize());
      const aliases = await client.listAllAliases();
      const metadata = await Promise.all(keys.keyIds.map((id) => client.describeKey(id)));
      return { keys, rows: metadata.map((m) => ({ metadata: m, aliases: aliases.filter((a) => a.KeyId === m.KeyId).map((a) => a.AliasName).sort() })) };
    });
    if (!done || mine !== generation) return;
    setRows(done.value.rows);
    setTotal(done.value.keys.totalCount);
    setPage(done.value.keys.pageNumber);
  };

  onMount(() => void refresh());
  onCleanup(api.onChange((product, action) => {
    if (isStateChanging(product, action)) void refresh();
  }));

  const created = async (keyId: string) => {
    setCreating(false);
    setCreatedId(keyId);
    // Keys are listed oldest first: the new key is on the last page.
    await refresh(pageCount(total() + 1, pageSize()));
  };

  return (
    <article class="page kms" data-testid="kms-key-list">
      <header class="page__header">
        <h1 tabindex="-1">{t('kms.list.title')}</h1>
        <p class="lead">{t('kms.list.intro')}</p>
      </header>
      <section class="panel" aria-labelledby="kms-keys-title">
        <div class="panel__head">
          <h2 id="kms-keys-title">{t('kms.list.keys')}</h2>
          <div class="kms-actions">
            <Show when={load.isBusy()}><span class="spinner" role="status" aria-label={t('kms.loading')} /></Show>
            <button type="button" class="button button--quiet" disabled={load.isBusy()} onClick={() => void refresh()}>{t('kms.refresh')}</button>
            <button type="button" class="button" aria-expanded={isCreating()} onClick={() => setCreating(!isCreating())} data-testid="open-create-key">
              {t('kms.create.open')}
            </button>
          </div>
        </div>
        <Show when={createdId()}>
          {(id) => (
            <p class="notice notice--info" role="status" data-testid="key-created">
              {t('kms.create.done')} <a href={keyHref(id())}><code>{id()}</code></a>
            </p>
          )}
        </Show>
        <Show when={isCreating()}>
          <CreateKeyForm client={client} onCreated={(id) => void created(id)} onCancel={() => setCreating(false)} />
        </Show>
        <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
        <Show when={rows()} fallback={<p class="muted">{t('kms.loading')}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted" data-testid="no-keys">{t('kms.list.empty')}</p>}>
              <KeyTable rows={list()} caption={t('kms.list.caption')} />
              <Pager page={page()} pageSize={pageSize()} total={total()} label={t('kms.list.pages')} isBusy={load.isBusy()}
                onPage={(p) => void refresh(p)} onPageSize={(size) => { setPageSize(size); void refresh(1); }} />
            </Show>
          )}
        </Show>
      </section>
    </article>
  );
}
