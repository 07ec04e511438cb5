// The image list (#/ecs/images): DescribeImages by owner — yours (self), shared with you (others),
// public (system, the LabOS image) — with status, Progress while a copy runs, encryption and key health.
import { For, Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import type { EcsPageProps } from './DiskListPage';
import { createEcsAction } from './ecs-action';
import type { Image } from './ecs-client';
import { ecsHref } from './ecs-route';
import { EncryptionCell } from './EncryptionCell';
import { ProgressCell } from './ProgressCell';
import { useRefresh } from './use-refresh';

const OWNERS = ['self', 'others', 'system'] as const;
type Owner = (typeof OWNERS)[number];

export function ImageListPage(props: EcsPageProps) {
  const { t } = useI18n();
  const [owner, setOwner] = createSignal<Owner>((OWNERS as readonly string[]).includes(props.query.owner) ? (props.query.owner as Owner) : 'self');
  const [images, setImages] = createSignal<Image[]>();
  const load = createEcsAction();
  const refresh = async () => {
    const done = await load.run(async () => {
      const list = await props.client.images(owner());
      await props.keys.load();
      return list;
    });
    if (done) setImages(done.value);
  };
  useRefresh(refresh, () => (images() ?? []).some((i) => i.Status === 'Creating'));
  const choose = (next: Owner) => {
    setOwner(next);
    setImages(undefined);
    void refresh();
  };
  return (
    <section class="panel" aria-labelledby="ecs-images-title" data-testid="ecs-image-list">
      <div class="panel__head">
        <h2 id="ecs-images-title">{t('ecs.images.title')}</h2>
        <div class="ecs-segmented" role="group" aria-label={t('ecs.images.owner')}>
          <For each={OWNERS}>
            {(o) => <button type="button" aria-pressed={owner() === o} onClick={() => choose(o)} data-testid={`images-${o}`}>{t(`ecs.images.${o}`)}</button>}
          </For>
        </div>
      </div>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={images()} fallback={<p class="muted">{t('ecs.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted" data-testid="no-images">{t('ecs.images.empty')}</p>}>
            <div class="table-wrap">
              <table class="table ecs-table" data-testid="image-table">
                <caption>{t('ecs.images.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ecs.col.image')}</th>
                    <th scope="col">{t('ecs.col.status')}</th>
                    <th scope="col">{t('ecs.col.size')}</th>
                    <th scope="col">{t('ecs.col.encryption')}</th>
                    <th scope="col">{t('ecs.col.owner')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(i) => (
                      <tr data-image-id={i.ImageId}>
                        <th scope="row">
                          <a href={ecsHref('images', i.ImageId)} class="ecs-table__name">{i.ImageName || i.ImageId}</a>
                          <code class="kms-id">{i.ImageId}</code>
                        </th>
                        <td><ProgressCell status={i.Status} progress={i.Progress} /></td>
                        <td>{i.Size} GiB</td>
                        <td><EncryptionCell encrypted={i.Encrypted} keyId={i.KMSKeyId} keys={props.keys.keys()} isForeign={i.ImageOwnerAlias === 'others'} /></td>
                        <td>{t(`ecs.images.${i.ImageOwnerAlias as Owner}`)}{i.ImageOwnerId ? ` (${i.ImageOwnerId})` : ''}{i.IsSelfShared === 'True' ? ` · ${t('ecs.image.shared')}` : ''}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
