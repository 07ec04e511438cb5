// The ECS console's addresses (pure): "#/ecs/<section>[/<id>[/console]][?name=value…]" — instances
// (and an instance's VNC console), disks, snapshots, images, the block storage encryption settings and
// the lineage graph. A `region` query names the
// region of a resource shown from another region (the lineage graph links across copies).

export const ECS_SECTIONS = ['instances', 'disks', 'snapshots', 'images', 'encryption', 'lineage'] as const;
export type EcsSection = (typeof ECS_SECTIONS)[number];

export interface EcsLocation {
  section: EcsSection;
  /** A resource id (i-…, d-…, s-…, m-…) for a detail page. */
  id?: string;
  /** "#/ecs/instances/<id>/console": the instance's VNC console. */
  sub?: 'console';
  query: Record<string, string>;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined; // a malformed escape names nothing
  }
}

/** The ECS location of `hash`; "#/ecs" and unknown sections are the disk list. */
export function ecsLocationFromHash(hash: string): EcsLocation {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [name, value = ''] = pair.split('=', 2);
    const decodedName = decode(name);
    const decodedValue = decode(value);
    if (decodedName && decodedValue !== undefined) query[decodedName] = decodedValue;
  }
  const section = (ECS_SECTIONS as readonly string[]).includes(parts[1]?.toLowerCase() ?? '') ? (parts[1].toLowerCase() as EcsSection) : 'disks';
  const id = parts[2] !== undefined && section !== 'encryption' && section !== 'lineage' ? decode(parts[2]) : undefined;
  const sub = id && section === 'instances' && parts[3]?.toLowerCase() === 'console' ? 'console' as const : undefined;
  return { section, ...(id ? { id } : {}), ...(sub ? { sub } : {}), query };
}

/** The VNC console page of an instance (DescribeInstanceVncUrl returns it, after the page's address). */
export function consoleHref(instanceId: string): string {
  return `${ecsHref('instances', instanceId)}/console`;
}

/** The href of an ECS page; query entries with an undefined or empty value are left out. */
export function ecsHref(section: EcsSection, id?: string, query: Record<string, string | undefined> = {}): string {
  const search = Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v!)}`).join('&');
  return `#/ecs/${section}${id ? `/${encodeURIComponent(id)}` : ''}${search ? `?${search}` : ''}`;
}

/** The page of a resource id by its prefix (i- instance, d- disk, s- snapshot, m- image), with its region when not the current one. */
export function resourceHref(resourceId: string, regionId?: string, currentRegionId?: string): string | undefined {
  const region = regionId && regionId !== currentRegionId ? regionId : undefined;
  if (resourceId.startsWith('i-')) return ecsHref('instances', resourceId, { region });
  if (resourceId.startsWith('d-')) return ecsHref('disks', resourceId, { region });
  if (resourceId.startsWith('s-')) return ecsHref('snapshots', resourceId, { region });
  if (resourceId.startsWith('m-')) return ecsHref('images', resourceId, { region });
  return undefined;
}
