// "About this lab": what the lab is, its two-layer key model, what runs where (and what is
// still to come), then the two live engine panels.
import { useI18n } from '../../i18n/I18nProvider';
import { KeyLayers } from './KeyLayers';
import { SelfTestPanel } from './SelfTestPanel';
import { StageList } from './StageList';
import { ThroughputPanel } from './ThroughputPanel';

export function AboutPage() {
  const { t } = useI18n();
  return (
    <article class="page">
      <header class="page__header">
        <h1>{t('about.title')}</h1>
        <p class="lead">{t('about.intro')}</p>
      </header>

      <section aria-labelledby="about-layers">
        <h2 id="about-layers">{t('about.layers.title')}</h2>
        <KeyLayers />
        <p>{t('about.layers.body')}</p>
      </section>

      <section aria-labelledby="about-where">
        <h2 id="about-where">{t('about.where.title')}</h2>
        <p>{t('about.where.intro')}</p>
        <StageList />
      </section>

      <section aria-labelledby="about-live">
        <h2 id="about-live">{t('about.live.title')}</h2>
        <p>{t('about.live.body')}</p>
        <div class="panels">
          <SelfTestPanel />
          <ThroughputPanel />
        </div>
      </section>
    </article>
  );
}
