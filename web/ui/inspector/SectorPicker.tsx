// Choosing a sector: a number input (arrow keys step it), previous / next, and a jump to the next
// allocated chunk. Reports where the sector sits (byte offset, chunk).
import { createUniqueId } from 'solid-js';
import { SECTOR_BYTES } from '../../core/disks/types';
import { useI18n } from '../../i18n/I18nProvider';
import { clampSector } from './allocation';
import { hexOffset } from './hex-format';

export interface SectorPickerProps {
  sector: number;
  sizeSectors: number;
  chunk: number;
  /** The first sector of the next allocated chunk, if any. */
  nextAllocatedSector?: number;
  onChange(sector: number): void;
}

export function SectorPicker(props: SectorPickerProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const last = () => props.sizeSectors - 1;
  const set = (value: number) => {
    const sector = clampSector(value, props.sizeSectors);
    if (sector !== undefined && sector !== props.sector) props.onChange(sector);
  };

  return (
    <div class="sector-picker" role="group" aria-label={t('sector.group')}>
      <label for={id}>{t('sector.label')}</label>
      <input
        id={id}
        class="sector-picker__input"
        type="number"
        inputmode="numeric"
        min="0"
        max={last()}
        step="1"
        value={props.sector}
        onInput={(e) => {
          if (e.currentTarget.value !== '') set(e.currentTarget.valueAsNumber);
        }}
        onChange={(e) => {
          set(e.currentTarget.valueAsNumber);
          e.currentTarget.value = String(props.sector); // normalise what was typed out of range
        }}
        data-testid="sector-input"
      />
      <span class="muted">{t('sector.of', { last: last() })}</span>
      <div class="sector-picker__buttons">
        <button type="button" class="button button--quiet" onClick={() => set(props.sector - 1)} disabled={props.sector <= 0}>
          {t('sector.prev')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => set(props.sector + 1)} disabled={props.sector >= last()}>
          {t('sector.next')}
        </button>
        <button
          type="button"
          class="button button--quiet"
          onClick={() => props.nextAllocatedSector !== undefined && set(props.nextAllocatedSector)}
          disabled={props.nextAllocatedSector === undefined}
        >
          {t('sector.nextAllocated')}
        </button>
      </div>
      <span class="sector-picker__where muted" data-testid="sector-where">
        {t('sector.where', { offset: hexOffset(props.sector * SECTOR_BYTES), chunk: props.chunk })}
      </span>
    </div>
  );
}
