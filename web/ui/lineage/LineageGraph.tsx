// The lineage graph as SVG: one box per key, data key (wrapped) and resource, curved arrows between
// them; each box is a link to its page (keys to the KMS console, resources to the ECS console), so a
// person can click — or Tab and Enter — through it. Key states and foreign owners are marked.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { resourceHref } from '../ecs/ecs-route';
import { keyHealth } from '../ecs/key-rules';
import { keyHref } from '../route';
import { NODE_HEIGHT, NODE_WIDTH, edgePath, type Layout, type PlacedNode } from './lineage';

const KIND_KEYS = { key: 'lineage.kind.key', datakey: 'lineage.kind.datakey', disk: 'lineage.kind.disk', snapshot: 'lineage.kind.snapshot', image: 'lineage.kind.image', instance: 'lineage.kind.instance' } as const;

function shorten(text: string, max = 22): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function LineageGraph(props: { layout: Layout; regionId: string; highlight?: string; title: string }) {
  const { t } = useI18n();
  const at = (id: string) => props.layout.nodes.find((n) => n.id === id);
  const href = (n: PlacedNode) => (n.kind === 'key' ? keyHref(n.resourceId) : n.kind === 'datakey' ? (n.keyId ? keyHref(n.keyId) : undefined) : resourceHref(n.resourceId, n.regionId, props.regionId));
  const describe = (n: PlacedNode) => {
    const parts = [t(KIND_KEYS[n.kind]), n.kind === 'datakey' ? t('lineage.datakey.for', { id: n.resourceId }) : n.label];
    if (n.kind !== 'key' && n.kind !== 'datakey' && n.label !== n.resourceId) parts.push(n.resourceId);
    if (n.regionId && n.regionId !== props.regionId) parts.push(n.regionId);
    if (n.status) parts.push(n.status);
    if (n.isForeign) parts.push(t('lineage.foreign'));
    return parts.join(' · ');
  };
  return (
    <div class="lineage-scroll">
      <svg class="lineage" width={props.layout.width} height={props.layout.height} viewBox={`0 0 ${props.layout.width} ${props.layout.height}`}
        role="group" aria-label={props.title} data-testid="lineage-graph">
        <defs>
          <marker id="lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="lineage__arrowhead" />
          </marker>
        </defs>
        <For each={props.layout.edges}>
          {(e) => {
            const from = at(e.from);
            const to = at(e.to);
            return (
              <Show when={from && to}>
                <path d={edgePath(from!, to!)} class={`lineage__edge lineage__edge--${e.kind}`} marker-end="url(#lineage-arrow)" data-edge={`${e.from}>${e.to}`}>
                  <title>{t(`lineage.edge.${e.kind}`)}</title>
                </path>
              </Show>
            );
          }}
        </For>
        <For each={props.layout.nodes}>
          {(n) => {
            const state = n.kind === 'key' ? keyHealth(n.status ?? 'NotFound') : 'readable';
            const box = (
              <g transform={`translate(${n.x},${n.y})`} class={`lineage__node lineage__node--${n.kind} lineage__node--${state}`}
                classList={{ 'lineage__node--highlight': n.resourceId === props.highlight, 'lineage__node--foreign': !!n.isForeign }}>
                <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="8" />
                <text x="10" y="19" class="lineage__kind">{t(KIND_KEYS[n.kind])}{(n.kind === 'key' || n.kind === 'instance') && n.status ? ` · ${n.status}` : ''}</text>
                <text x="10" y="38" class="lineage__label">{shorten(n.kind === 'datakey' ? t('lineage.datakey.short', { id: n.resourceId }) : n.label)}</text>
                <title>{describe(n)}</title>
              </g>
            );
            const link = href(n);
            // The <a> sits in the same template as a <g> so that Solid parses it as SVG's link element, not HTML's.
            return (
              <g data-node={n.id}>
                <a href={link} aria-label={describe(n)} class="lineage__link">{box}</a>
              </g>
            );
          }}
        </For>
      </svg>
    </div>
  );
}
