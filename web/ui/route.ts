// The hash router's pure part: which page a location hash names ("#/about", "#/inspector", "#/kms",
// "#/audit", "#/ecs/…"), a KMS key's detail address ("#/kms/keys/<KeyId>"), and the href of each.
// Hashes that are not routes ("#main" from the skip link) keep the page. ECS sub-pages: ui/ecs/ecs-route.ts.
export type Route = 'about' | 'inspector' | 'kms' | 'ecs' | 'audit';

export const ROUTES: readonly Route[] = ['about', 'inspector', 'kms', 'ecs', 'audit'];

export function routeHref(route: Route): string {
  return `#/${route}`;
}

/** The page for `hash`: a known "#/name" route, else About for an unknown "#/…" or empty hash;
 *  an in-page anchor (no "/" after "#") keeps `current`. */
export function routeFromHash(hash: string, current: Route = 'about'): Route {
  if (hash === '' || hash === '#') return 'about';
  if (!hash.startsWith('#/')) return current;
  const name = hash.slice(2).split(/[/?#]/)[0].toLowerCase();
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'about';
}

/** The inspector with one disk chosen: by its name (an ECS disk's storage is named by its DiskId). */
export function inspectorHref(diskName: string): string {
  return `#/inspector?disk=${encodeURIComponent(diskName)}`;
}

/** The disk name of "#/inspector?disk=<name>", else undefined. */
export function inspectorDiskFromHash(hash: string): string | undefined {
  const match = /^#\/inspector\?(?:.*&)?disk=([^&#]+)/i.exec(hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined; // a malformed escape names no disk: the inspector's usual choice applies
  }
}

/** The KMS key detail's address. Key ids are GUIDs; encoded anyway, so any id round-trips. */
export function keyHref(keyId: string): string {
  return `#/kms/keys/${encodeURIComponent(keyId)}`;
}

/** The key id of "#/kms/keys/<KeyId>", else undefined (the key list, or another page). */
export function keyIdFromHash(hash: string): string | undefined {
  const match = /^#\/kms\/keys\/([^/?#]+)/i.exec(hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined; // a malformed escape ("%E0%A4%A") names no key: show the list
  }
}
