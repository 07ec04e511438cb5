// The app shell: header, the one page there is today (About this lab), footer.
import { useI18n } from '../i18n/I18nProvider';
import { Header } from './Header';
import { AboutPage } from './about/AboutPage';

export function App() {
  const { t } = useI18n();
  return (
    <>
      <a class="skip-link" href="#main">{t('nav.skip')}</a>
      <Header />
      <main id="main" class="app-main" tabindex="-1">
        <AboutPage />
      </main>
      <footer class="app-footer">
        <p>{t('footer.note')}</p>
      </footer>
    </>
  );
}
