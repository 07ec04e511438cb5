// The app shell: header with page links and the region chooser, the database banner, the routed page
// (About, the disk inspector once the disk layer is wired, the KMS console, the ECS console and the
// audit trail), footer. Focus moves to <main> on navigation.
import { Match, Show, Switch, createEffect, on } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider';
import { AboutPage } from './about/AboutPage';
import { DatabaseBanner } from './DatabaseBanner';
import { AuditFailureNotice } from './errors/AuditFailureNotice';
import { EcsPage } from './ecs/EcsPage';
import { RegionProvider } from './ecs/region-context';
import { hasDiskLab } from './disks-context';
import { Header } from './Header';
import { InspectorPage } from './inspector/InspectorPage';
import { AuditPage } from './kms/AuditPage';
import { KmsPage } from './kms/KmsPage';
import type { Route } from './route';
import { hasStorageStatus } from './storage-health-context';
import { useHashRoute } from './use-route';

export function App() {
  const { t } = useI18n();
  const hashRoute = useHashRoute();
  // Only pages that work: without the disk layer there is no inspector link and #/inspector shows About.
  const routes: Route[] = hasDiskLab() ? ['about', 'inspector', 'kms', 'ecs', 'audit'] : ['about', 'kms', 'ecs', 'audit'];
  const route = () => (routes.includes(hashRoute()) ? hashRoute() : 'about');
  const showBanner = hasStorageStatus();
  let main!: HTMLElement;
  createEffect(on(route, () => {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }, { defer: true }));

  return (
    <RegionProvider>
      <a class="skip-link" href="#main">{t('nav.skip')}</a>
      <Header route={route()} routes={routes} />
      <Show when={showBanner}>
        <DatabaseBanner />
        <AuditFailureNotice />
      </Show>
      <main id="main" ref={main} class="app-main" classList={{ 'app-main--wide': route() !== 'about' }} tabindex="-1">
        <Switch>
          <Match when={route() === 'inspector'}>
            <InspectorPage />
          </Match>
          <Match when={route() === 'kms'}>
            <KmsPage />
          </Match>
          <Match when={route() === 'ecs'}>
            <EcsPage />
          </Match>
          <Match when={route() === 'audit'}>
            <AuditPage />
          </Match>
          <Match when={route() === 'about'}>
            <AboutPage />
          </Match>
        </Switch>
      </main>
      <footer class="app-footer">
        <p>{t('footer.note')}</p>
      </footer>
    </RegionProvider>
  );
}
