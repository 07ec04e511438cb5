// The ECS console (#/ecs/…): section tabs (disks, snapshots, images, encryption settings, lineage) and
// the page the address names, a list or one resource. Follows hashchange itself, since the app's
// router only knows pages; holds the region's description and keys for the pages below.
import { For, Match, Switch, createResource, createSignal, onCleanup } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabApi } from '../lab-api-context';
import { LineagePage } from '../lineage/LineagePage';
import { DiskDetailPage } from './DiskDetailPage';
import { DiskListPage } from './DiskListPage';
import { ecsClient } from './ecs-client';
import { ECS_SECTIONS, ecsHref, ecsLocationFromHash } from './ecs-route';
import { EncryptionSettingsPage } from './EncryptionSettingsPage';
import { ImageDetailPage } from './ImageDetailPage';
import { ImageListPage } from './ImageListPage';
import { InstanceConsolePage } from './InstanceConsolePage';
import { InstanceDetailPage } from './InstanceDetailPage';
import { InstanceListPage } from './InstanceListPage';
import { useRegion } from './region-context';
import { SnapshotDetailPage } from './SnapshotDetailPage';
import { SnapshotListPage } from './SnapshotListPage';
import { createRegionKeys } from './use-keys';
import '../kms/kms.css';
import './ecs.css';
import './instances.css';

export function EcsPage() {
  const { t, locale } = useI18n();
  const region = useRegion();
  const client = ecsClient(useLabApi(), region.regionId);
  const keys = createRegionKeys(client);
  const [where, setWhere] = createSignal(ecsLocationFromHash(location.hash));
  const follow = () => {
    if (location.hash.startsWith('#/ecs')) setWhere(ecsLocationFromHash(location.hash));
  };
  window.addEventListener('hashchange', follow);
  onCleanup(() => window.removeEventListener('hashchange', follow));
  const [regions] = createResource(locale, (language) => client.regions(language));
  const regionInfo = () => (regions.error ? undefined : regions.latest?.find((r) => r.RegionId === (where().query.region ?? region.regionId())));
  const common = () => ({ client, keys, region: regionInfo(), query: where().query });

  return (
    <article class="page kms ecs" data-testid="ecs-console">
      <header class="page__header">
        <h1 tabindex="-1">{t('ecs.title')}</h1>
        <p class="lead">{t('ecs.intro', { region: regionInfo()?.LocalName ?? region.regionId() })}</p>
      </header>
      <nav class="ecs-tabs" aria-label={t('ecs.sections')}>
        <ul>
          <For each={ECS_SECTIONS}>
            {(section) => (
              <li><a href={ecsHref(section)} aria-current={where().section === section ? 'page' : undefined}>{t(`ecs.section.${section}`)}</a></li>
            )}
          </For>
        </ul>
      </nav>
      <Switch>
        <Match when={where().section === 'instances' && where().sub === 'console' && where().id} keyed>
          {(id) => <InstanceConsolePage {...common()} instanceId={id} />}
        </Match>
        <Match when={where().section === 'instances' && where().id} keyed>
          {(id) => <InstanceDetailPage {...common()} instanceId={id} />}
        </Match>
        <Match when={where().section === 'instances'}>
          <InstanceListPage {...common()} />
        </Match>
        <Match when={where().section === 'disks' && where().id} keyed>
          {(id) => <DiskDetailPage {...common()} diskId={id} />}
        </Match>
        <Match when={where().section === 'disks'}>
          <DiskListPage {...common()} />
        </Match>
        <Match when={where().section === 'snapshots' && where().id} keyed>
          {(id) => <SnapshotDetailPage {...common()} snapshotId={id} regions={regions.latest ?? []} />}
        </Match>
        <Match when={where().section === 'snapshots'}>
          <SnapshotListPage {...common()} />
        </Match>
        <Match when={where().section === 'images' && where().id} keyed>
          {(id) => <ImageDetailPage {...common()} imageId={id} regions={regions.latest ?? []} />}
        </Match>
        <Match when={where().section === 'images'}>
          <ImageListPage {...common()} />
        </Match>
        <Match when={where().section === 'encryption'}>
          <EncryptionSettingsPage {...common()} />
        </Match>
        <Match when={where().section === 'lineage'}>
          <LineagePage client={client} regions={regions.latest ?? []} />
        </Match>
      </Switch>
    </article>
  );
}
