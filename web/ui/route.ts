// The hash router's pure part: which page a location hash names ("#/about", "#/inspector"),
// and the href of each page. Hashes that are not routes ("#main" from the skip link) keep the page.
export type Route = 'about' | 'inspector';

export const ROUTES: readonly Route[] = ['about', 'inspector'];

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
