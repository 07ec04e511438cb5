// The lineage under one KMS key: everything whose data key it wraps, and where each came from. Used on
// a disk's page; the KMS key page can mount it as <KeyLineage keyId={…} /> (it builds its own client
// from the LabApi and region contexts when none is given).
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { ecsClient, type EcsClient } from '../ecs/ecs-client';
import { createEcsAction } from '../ecs/ecs-action';
import { useRefresh } from '../ecs/use-refresh';
import { useRegion } from '../ecs/region-context';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { useLabApi } from '../lab-api-context';
import { buildLineage, keySubgraph, layoutLineage, type Layout } from './lineage';
import { LineageGraph } from './LineageGraph';
import { loadLineage } from './load-lineage';
import './lineage.css';

export function KeyLineage(props: { keyId: string; client?: EcsClient; regionId?: string; highlight?: string }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const region = useRegion();
  const client = props.client ?? ecsClient(useLabApi(), region.regionId);
  const regionId = () => props.regionId ?? region.regionId();
  const [layout, setLayout] = createSignal<Layout>();
  const load = createEcsAction();
  const refresh = async () => {
    const done = await load.run(async () => layoutLineage(keySubgraph(buildLineage(await loadLineage(client, [regionId()])), props.keyId)));
    if (done) setLayout(done.value);
  };
  useRefresh(refresh, () => false);
  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid="key-lineage">
      <h3 id={`${id}-title`}>{t('lineage.key.title')}</h3>
      <p class="ecs-small">{t('lineage.key.intro')}</p>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={layout()}>
        {(l) => (
          <Show when={l().nodes.length > 1} fallback={<p class="muted">{t('lineage.key.empty')}</p>}>
            <LineageGraph layout={l()} regionId={regionId()} highlight={props.highlight} title={t('lineage.key.title')} />
          </Show>
        )}
      </Show>
    </section>
  );
}
