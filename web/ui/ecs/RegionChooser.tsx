// The region chooser in the header: a labelled select of the lab's regions (DescribeRegions, names
// in the reader's language). The core has no Lab action for a current region, so the choice is kept
// by the UI (region-context) and the ECS pages pass it as RegionId on every call.
import { For, createResource } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabApi } from '../lab-api-context';
import { ecsClient } from './ecs-client';
import { useRegion } from './region-context';

export function RegionChooser() {
  const { t, locale } = useI18n();
  const region = useRegion();
  const client = ecsClient(useLabApi(), region.regionId);
  // Until the Ecs product answers, the select shows the chosen region only.
  const [regions] = createResource(locale, (language) => client.regions(language).catch(() => []));
  const list = () => {
    const known = regions.latest ?? [];
    return known.length ? known : [{ RegionId: region.regionId(), LocalName: region.regionId(), EncryptionSupported: true, CmkSupported: true }];
  };
  return (
    <label class="region-switch">
      <span>{t('ecs.region')}</span>
      <select value={region.regionId()} onChange={(e) => { const select = e.currentTarget; region.setRegionId(select.value).catch((error: unknown) => { console.error('switching the lab region:', error); select.value = region.regionId(); }); }} data-testid="region-select">
        <For each={list()}>
          {(r) => <option value={r.RegionId} selected={r.RegionId === region.regionId()}>{r.LocalName} ({r.RegionId})</option>}
        </For>
      </select>
    </label>
  );
}
