// The hash router's Solid part: the current Route as a signal that follows hashchange, so links
// are plain <a href="#/…"> (keyboard accessible, opened in new tabs) and back/forward just work.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { routeFromHash, type Route } from './route';

export function useHashRoute(): Accessor<Route> {
  const [route, setRoute] = createSignal<Route>(routeFromHash(location.hash));
  const follow = () => setRoute((current) => routeFromHash(location.hash, current));
  window.addEventListener('hashchange', follow);
  onCleanup(() => window.removeEventListener('hashchange', follow));
  return route;
}
