// The lineage graph page (#/ecs/lineage): key → data key (wrapped) → disk → snapshot → image → disk
// for the current region (and where its copies came from), or for every region on request.
import { Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { createEcsAction } from '../ecs/ecs-action';
import type { EcsClient, RegionInfo } from '../ecs/ecs-client';
import { useRegion } from '../ecs/region-context';
import { useRefresh } from '../ecs/use-refresh';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { buildLineage, layoutLineage, type Layout } from './lineage';
import { LineageGraph } from './LineageGraph';
import { loadLineage } from './load-lineage';
import './lineage.css';

export function LineagePage(props: { client: EcsClient; regions: readonly RegionInfo[] }) {
  const { t } = useI18n();
  const region = useRegion();
  const [isAllRegions, setAllRegions] = createSignal(false);
  const [layout, setLayout] = createSignal<Layout>();
  const load = createEcsAction();
  const refresh = async () => {
    const regions = isAllRegions() ? props.regions.filter((r) => r.EncryptionSupported || r.RegionId === region.regionId()).map((r) => r.RegionId) : [region.regionId()];
    const done = await load.run(async () => layoutLineage(buildLineage(await loadLineage(props.client, regions))));
    if (done) setLayout(done.value);
  };
  useRefresh(refresh, () => false);
  return (
    <section class="panel" aria-labelledby="lineage-title" data-testid="lineage-page">
      <div class="panel__head">
        <h2 id="lineage-title">{t('lineage.title')}</h2>
        <div class="kms-actions">
          <label class="kms-check">
            <input type="checkbox" checked={isAllRegions()} onChange={(e) => { setAllRegions(e.currentTarget.checked); void refresh(); }} />
            {t('lineage.allRegions')}
          </label>
          <button type="button" class="button button--quiet" disabled={load.isBusy()} onClick={() => void refresh()}>{t('ecs.refresh')}</button>
        </div>
      </div>
      <p class="ecs-small">{t('lineage.intro')}</p>
      <ul class="lineage-legend ecs-small">
        <li>{t('lineage.legend.datakey')}</li>
        <li>{t('lineage.legend.copy')}</li>
        <li>{t('lineage.legend.click')}</li>
      </ul>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={layout()} fallback={<p class="muted">{t('ecs.loading')}</p>}>
        {(l) => (
          <Show when={l().nodes.length > 0} fallback={<p class="muted" data-testid="lineage-empty">{t('lineage.empty')}</p>}>
            <LineageGraph layout={l()} regionId={region.regionId()} title={t('lineage.title')} />
          </Show>
        )}
      </Show>
    </section>
  );
}
