// Entropy per chunk, in bits per byte (0–8), as a small SVG bar chart with the 8-bit line (what
// random bytes reach) marked: an encrypted disk's stored chunks stand near 8, text near 4–5.
import { For, Show } from 'solid-js';
import type { ChunkInfo } from '../../core/disks/api';
import { useI18n } from '../../i18n/I18nProvider';
import { meanAllocatedEntropy } from './allocation';

const BAR = 10; // viewBox units per chunk
const HEIGHT = 80; // viewBox units for 8 bits per byte

export function EntropyChart(props: { infos: readonly ChunkInfo[]; currentChunk: number; isEncrypted: boolean }) {
  const { t, locale } = useI18n();
  const width = () => Math.max(1, props.infos.length) * BAR;
  const y = (bits: number) => HEIGHT - (bits / 8) * HEIGHT;
  const fmt = (value: number) => value.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const mean = () => meanAllocatedEntropy(props.infos);
  const summary = () => {
    const m = mean();
    return m === undefined ? t('entropy.none') : t('entropy.mean', { mean: fmt(m) });
  };

  return (
    <figure class="entropy" data-testid="entropy-chart" data-mean={mean()?.toFixed(3) ?? ''}>
      <div class="entropy__plot">
        <div class="entropy__axis" aria-hidden="true">
          <span>8</span>
          <span>4</span>
          <span>0</span>
        </div>
        <svg class="entropy__svg" viewBox={`0 0 ${width()} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`${t('entropy.title')}. ${summary()}`}>
          <line class="entropy__half" x1="0" x2={width()} y1={y(4)} y2={y(4)} vector-effect="non-scaling-stroke" />
          <For each={props.infos}>
            {(info) => (
              <Show when={info.isAllocated}>
                <rect
                  class="entropy__bar"
                  classList={{ 'entropy__bar--current': info.index === props.currentChunk }}
                  x={info.index * BAR + 1}
                  width={BAR - 2}
                  y={y(info.entropy)}
                  height={Math.max(0.5, HEIGHT - y(info.entropy))}
                />
              </Show>
            )}
          </For>
          <line class="entropy__max" x1="0" x2={width()} y1="0.5" y2="0.5" vector-effect="non-scaling-stroke" />
        </svg>
      </div>
      <figcaption>
        <span class="entropy__key"><span class="entropy__key-line" aria-hidden="true" />{t('entropy.maxLine')}</span>
        <span data-testid="entropy-summary">{summary()}</span>
        <span class="muted">{t(props.isEncrypted ? 'entropy.hint.encrypted' : 'entropy.hint.plain')}</span>
      </figcaption>
    </figure>
  );
}
