// One KMS key (#/kms/keys/<KeyId>): its KeyMetadata (DescribeKey), state controls with the
// dependents confirmation, deletion protection, rotation and versions, aliases, tags, the import
// wizard for EXTERNAL keys, and its own audit records. Read again after any call that may change
// it; a failed read keeps what is shown and says why.
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabApi } from '../lab-api-context';
import { routeHref } from '../route';
import { AliasesPanel } from './AliasesPanel';
import { isStateChanging } from './audit-view';
import { CloudErrorNote } from './CloudErrorNote';
import { ImportPanel } from './ImportPanel';
import { KeyLineage } from '../lineage/KeyLineage';
import { KeyAuditPanel } from './KeyAuditPanel';
import { KeyMetadataList } from './KeyMetadataList';
import { KeyStatePanel } from './KeyStatePanel';
import { isServiceKey, keyLabel, type KeyMetadata } from './key-view';
import { kmsClient, type AliasEntry, type TagEntry, type VersionEntry } from './kms-client';
import { ProtectionPanel } from './ProtectionPanel';
import { RotationPanel } from './RotationPanel';
import { StateBadge } from './StateBadge';
import { TagsPanel } from './TagsPanel';
import { createAction } from '../use-action';

interface KeyDetail {
  metadata: KeyMetadata;
  aliases: string[];
  otherAliases: AliasEntry[];
  versions: VersionEntry[];
  tags: TagEntry[];
}

export function KeyDetailPage(props: { keyId: string }) {
  const { t } = useI18n();
  const api = useLabApi();
  const client = kmsClient(api);
  const [detail, setDetail] = createSignal<KeyDetail>();
  const load = createAction();
  let generation = 0;
  let heading!: HTMLHeadingElement;

  const refresh = async () => {
    const mine = ++generation;
    const done = await load.run(async () => {
      const metadata = await client.describeKey(props.keyId);
      const all = await client.listAllAliases();
      const versions = await client.listVersions(metadata.KeyId);
      const tags = await client.listTags(metadata.KeyId);
      const aliases = all.filter((a) => a.KeyId === metadata.KeyId).map((a) => a.AliasName).sort();
      const otherAliases = all.filter((a) => a.KeyId !== metadata.KeyId && !a.AliasName.startsWith('alias/acs/'));
      return { metadata, aliases, otherAliases, versions, tags };
    });
    if (done && mine === generation) setDetail(done.value);
  };
  onMount(() => {
    heading.focus({ preventScroll: true });
    void refresh();
  });
  onCleanup(api.onChange((product, action) => {
    if (isStateChanging(product, action)) void refresh();
  }));

  const label = () => (detail() ? keyLabel(detail()!.metadata.KeyId, detail()!.aliases) : props.keyId);
  const isService = () => (detail() ? isServiceKey(detail()!.metadata, detail()!.aliases) : false);

  return (
    <article class="page kms" data-testid="kms-key-detail">
      <header class="page__header">
        <p><a href={routeHref('kms')}>{t('kms.detail.back')}</a></p>
        <h1 ref={heading} tabindex="-1" class="kms-title">
          <span>{label()}</span>
          <Show when={detail()}>{(d) => <StateBadge state={d().metadata.KeyState} />}</Show>
        </h1>
        <Show when={isService()}><p><span class="badge kms-badge--managed">{t('kms.serviceKey')}</span> {t('kms.serviceKey.note')}</p></Show>
        <Show when={load.isBusy()}><span class="spinner" role="status" aria-label={t('kms.loading')} /></Show>
      </header>
      <Show when={load.error()}>
        {(error) => (
          <div>
            <CloudErrorNote error={error()} testId="detail-error" />
            <button type="button" class="button button--quiet" onClick={() => void refresh()}>{t('common.retry')}</button>
          </div>
        )}
      </Show>
      <Show when={detail()} fallback={<Show when={!load.error()}><p class="muted">{t('kms.loading')}</p></Show>}>
        {(d) => (
          <div class="kms-detail">
            <div class="kms-detail__main">
              <KeyStatePanel client={client} metadata={d().metadata} keyLabel={label()} isServiceKey={isService()} />
              <section class="panel" aria-labelledby="key-metadata-title">
                <h2 id="key-metadata-title">{t('kms.detail.metadata')}</h2>
                <KeyMetadataList metadata={d().metadata} />
              </section>
              <Show when={d().metadata.Origin === 'EXTERNAL'}>
                <ImportPanel client={client} metadata={d().metadata} />
              </Show>
              <RotationPanel client={client} metadata={d().metadata} versions={d().versions} isServiceKey={isService()} />
            </div>
            <div class="kms-detail__side">
              <AliasesPanel client={client} keyId={d().metadata.KeyId} aliases={d().aliases} otherAliases={d().otherAliases} isServiceKey={isService()} />
              <TagsPanel client={client} keyId={d().metadata.KeyId} tags={d().tags} />
              <Show when={!isService()}>
                <ProtectionPanel client={client} metadata={d().metadata} />
              </Show>
            </div>
            <div class="kms-detail__wide">
              <KeyLineage keyId={d().metadata.KeyId} />
              <KeyAuditPanel keyId={d().metadata.KeyId} />
            </div>
          </div>
        )}
      </Show>
    </article>
  );
}
