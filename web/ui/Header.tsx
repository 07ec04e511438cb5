// The app header: product name, tagline, the page links, the region chooser and the language switch;
// below them the lab bar (lab clock, advance time, account, reset lab, terminal toggle: ui/clock/LabBar.tsx).
import { useI18n } from '../i18n/I18nProvider';
import { LabBar } from './clock/LabBar';
import { RegionChooser } from './ecs/RegionChooser';
import { LanguageSwitch } from './LanguageSwitch';
import { Nav } from './Nav';
import { routeHref, type Route } from './route';

export function Header(props: { route: Route; routes: readonly Route[] }) {
  const { t } = useI18n();
  return (
    <header class="app-header">
      <div class="app-header__inner">
        {/* A hash link, not "./": a full reload would end the page's session keys (and demo disks). */}
        <a class="brand" href={routeHref('about')} aria-label={t('app.name')}>
          <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect class="brand__body" x="3" y="7" width="26" height="18" rx="4" />
            <circle class="brand__hole" cx="16" cy="14" r="3" />
            <path class="brand__hole" d="M16 16.5v4.5" />
          </svg>
          <span class="brand__text">
            <span class="brand__name">{t('app.name')}</span>
            <span class="brand__tagline">{t('app.tagline')}</span>
          </span>
        </a>
        <Nav current={props.route} routes={props.routes} />
        <RegionChooser />
        <LanguageSwitch />
      </div>
      <LabBar />
    </header>
  );
}
