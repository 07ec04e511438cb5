// One image (#/ecs/images/<ImageId>[?region=…]): fields, encryption and key health, sharing with the
// lab's other account (ModifyImageSharePermission / DescribeImageSharePermission), CopyImage
// (CopyForm: the only way to an encrypted image), a disk from its snapshot, DeleteImage.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { useLabApi } from '../lab-api-context';
import { CopyForm } from './CopyForm';
import type { EcsPageProps } from './DiskListPage';
import { createEcsAction } from './ecs-action';
import type { Image, RegionInfo } from './ecs-client';
import { DetailFrame } from './DetailFrame';
import { ecsHref, resourceHref } from './ecs-route';
import { EncryptionCell } from './EncryptionCell';
import { ProgressCell } from './ProgressCell';
import { useRefresh } from './use-refresh';

interface Account { AccountId: string; AccountName: string; Current: boolean }

export function ImageDetailPage(props: EcsPageProps & { imageId: string; regions: readonly RegionInfo[] }) {
  const { t } = useI18n();
  const api = useLabApi();
  const id = createUniqueId();
  const region = () => props.query.region;
  const [image, setImage] = createSignal<Image | null>();
  const [other, setOther] = createSignal<Account>();
  const [sharedWith, setSharedWith] = createSignal<string[]>([]);
  const [copied, setCopied] = createSignal<{ id: string; regionId: string }>();
  const [isConfirmingDelete, setConfirmingDelete] = createSignal(false);
  const [isDeleted, setDeleted] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();

  const refresh = async () => {
    if (isDeleted()) return;
    const done = await load.run(async () => {
      const r = await props.client.ecs('DescribeImages', { ImageId: props.imageId, Status: 'Creating,Available,CreateFailed' }, region());
      const found = ((r.Images as { Image?: Image[] } | undefined)?.Image ?? [])[0] ?? null;
      await props.keys.load(region());
      const accounts = ((await api.call('Lab', 'ListAccounts')).Accounts as Account[] | undefined) ?? [];
      const shares = found?.ImageOwnerAlias === 'self' && found.Status === 'Available'
        ? (((await props.client.ecs('DescribeImageSharePermission', { ImageId: props.imageId, PageSize: 100 }, region())).Accounts as { Account?: { AliyunId: string }[] } | undefined)?.Account ?? []).map((a) => a.AliyunId)
        : [];
      return { found, other: accounts.find((a) => !a.Current), shares };
    });
    if (!done) return;
    setImage(done.value.found);
    setOther(done.value.other);
    setSharedWith(done.value.shares);
  };
  useRefresh(refresh, () => image()?.Status === 'Creating');

  const isShared = () => !!other() && sharedWith().includes(other()!.AccountId);
  const toggleShare = () => action.run(() => props.client.ecs('ModifyImageSharePermission', {
    ImageId: props.imageId, [isShared() ? 'RemoveAccount' : 'AddAccount']: [other()!.AccountId],
  }, region()));
  const remove = async () => {
    const done = await action.run(() => props.client.ecs('DeleteImage', { ImageId: props.imageId }, region()));
    setConfirmingDelete(false);
    if (done) {
      setDeleted(true);
      location.hash = ecsHref('images');
    }
  };

  return (
    <DetailFrame testId="ecs-image-detail" titleId={`${id}-title`} backHref={ecsHref('images')} backLabel={t('ecs.images.back')}
      title={image()?.ImageName || props.imageId} error={load.error()} item={image()} resourceId={props.imageId}>
      {(i) => (
        <>
          <dl class="kms-metadata ecs-metadata">
            <div class="kms-metadata__row"><dt>ImageId</dt><dd><code data-testid="image-id">{i().ImageId}</code></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.status')}</dt><dd><ProgressCell status={i().Status} progress={i().Progress} /></dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.owner')}</dt><dd>{t(`ecs.images.${i().ImageOwnerAlias as 'self'}`)}{i().ImageOwnerId ? ` (${i().ImageOwnerId})` : ''}</dd></div>
            <div class="kms-metadata__row"><dt>OS</dt><dd>{i().OSName}</dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.size')}</dt><dd>{i().Size} GiB</dd></div>
            <div class="kms-metadata__row"><dt>{t('ecs.col.encryption')}</dt><dd><EncryptionCell encrypted={i().Encrypted} keyId={i().KMSKeyId} keys={props.keys.keys()} isForeign={i().ImageOwnerAlias === 'others'} /></dd></div>
            <Show when={i().SourceImageId}>
              <div class="kms-metadata__row"><dt>{t('ecs.col.source')}</dt><dd>{t('ecs.snapshot.copyOf')} <a href={resourceHref(i().SourceImageId, i().SourceRegionId, i().RegionId)}><code>{i().SourceImageId}</code></a> ({i().SourceRegionId})</dd></div>
            </Show>
          </dl>
          <Show when={i().ImageOwnerAlias === 'others' && i().Encrypted}><p class="ecs-small">{t('ecs.image.sharedRule')}</p></Show>
          <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="image-action-error" />}</Show>
          <Show when={copied()}>
            {(c) => <p class="notice notice--info" role="status" data-testid="copy-started" data-id={c().id}>{t('ecs.copy.started')} <a href={resourceHref(c().id, c().regionId, region())}><code>{c().id}</code></a></p>}
          </Show>
          <Show when={i().Status === 'Available'}>
            <div class="ecs-detail__actions">
              <Show when={i().ImageOwnerAlias !== 'system'}>
                <div class="panel">
                  <a class="button" href={ecsHref('disks', undefined, { create: '1', image: i().ImageId })} data-testid="disk-from-image">{t('ecs.image.makeDisk')}</a>
                </div>
              </Show>
              <Show when={i().ImageOwnerAlias === 'self' && other()}>
                <div class="panel">
                  <p class="ecs-small" data-testid="share-state">{t(isShared() ? 'ecs.image.sharedWith' : 'ecs.image.notShared', { account: `${other()!.AccountName} (${other()!.AccountId})` })}</p>
                  <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => void toggleShare()} data-testid="toggle-share">
                    {t(isShared() ? 'ecs.image.unshare' : 'ecs.image.share')}
                  </button>
                </div>
                <div class="panel">
                  <Show when={isConfirmingDelete()} fallback={
                    <button type="button" class="button button--danger" disabled={action.isBusy()} onClick={() => setConfirmingDelete(true)} data-testid="delete-image">{t('ecs.image.delete')}</button>
                  }>
                    <p role="alert">{t('ecs.image.deleteConfirm')}</p>
                    <div class="kms-actions">
                      <button type="button" class="button button--danger" onClick={() => void remove()} data-testid="confirm-delete">{t('ecs.image.delete')}</button>
                      <button type="button" class="button button--quiet" onClick={() => setConfirmingDelete(false)}>{t('common.cancel')}</button>
                    </div>
                  </Show>
                </div>
              </Show>
            </div>
            <Show when={i().ImageOwnerAlias !== 'system'}>
              <CopyForm client={props.client} regions={props.regions}
                source={{ kind: 'image', id: i().ImageId, RegionId: i().RegionId, Encrypted: i().Encrypted, KMSKeyId: i().KMSKeyId, isShared: i().ImageOwnerAlias === 'others', size: i().Size }}
                onCopied={(copyId, regionId) => setCopied({ id: copyId, regionId })} />
            </Show>
          </Show>
        </>
      )}
    </DetailFrame>
  );
}
