// The header's page links: real <a href="#/…"> (keyboard, middle-click, back/forward all work),
// the current page marked with aria-current.
import { For } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { routeHref, type Route } from './route';

const LABELS: Record<Route, MessageKey> = { about: 'nav.about', inspector: 'nav.inspector', kms: 'kms.nav.keys', ecs: 'ecs.nav', audit: 'kms.nav.audit' };

export function Nav(props: { current: Route; routes: readonly Route[] }) {
  const { t } = useI18n();
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      <ul>
        <For each={props.routes}>
          {(route) => (
            <li>
              <a href={routeHref(route)} aria-current={props.current === route ? 'page' : undefined}>
                {t(LABELS[route])}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
