// The disk's allocation map: one small cell per chunk (never written / allocated / shared with a
// snapshot). One tab stop for the whole grid; arrow keys, Home and End move between cells, Enter
// or a click jumps to the chunk's first sector.
import { For, createEffect } from 'solid-js';
import type { ChunkInfo } from '../../core/disks/api';
import { useI18n } from '../../i18n/I18nProvider';
import { cellClass, cellKind, firstSectorOfChunk, sectorsPerChunk } from './allocation';

export interface AllocationMapProps {
  infos: readonly ChunkInfo[];
  chunkBytes: number;
  currentChunk: number;
  onPick(index: number): void;
}

function columnsOf(grid: HTMLElement): number {
  return Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').filter(Boolean).length);
}

export function AllocationMap(props: AllocationMapProps) {
  const { t, locale } = useI18n();
  let grid!: HTMLDivElement;
  // The roving tab stop follows the current chunk, however it changed (sector input, buttons).
  let focusIndex = props.currentChunk;
  createEffect(() => {
    focusIndex = props.currentChunk;
  });

  const label = (info: ChunkInfo) => {
    const first = firstSectorOfChunk(info.index, props.chunkBytes);
    const last = first + sectorsPerChunk(props.chunkBytes) - 1;
    const where = t('alloc.cell', { index: info.index, first, last });
    const kind = cellKind(info);
    if (kind === 'unwritten') return `${where}: ${t('alloc.unwritten')}`;
    const entropy = info.entropy.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return `${where}: ${t(kind === 'shared' ? 'alloc.shared' : 'alloc.allocated')}, ${t('alloc.entropy', { entropy })}`;
  };

  function move(event: KeyboardEvent) {
    const count = props.infos.length;
    const columns = columnsOf(grid);
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns };
    let next: number;
    if (event.key in steps) next = focusIndex + steps[event.key];
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else return;
    event.preventDefault();
    focusIndex = Math.min(Math.max(0, next), count - 1);
    grid.querySelectorAll<HTMLButtonElement>('button')[focusIndex]?.focus();
  }

  return (
    <div class="alloc">
      <div class="alloc__grid" ref={grid} role="group" aria-label={t('alloc.title')} onKeyDown={move} data-testid="allocation-map">
        <For each={props.infos}>
          {(info) => (
            <button
              type="button"
              class={cellClass(info, info.index === props.currentChunk)}
              data-kind={cellKind(info)}
              tabindex={info.index === props.currentChunk ? 0 : -1}
              aria-label={label(info)}
              aria-current={info.index === props.currentChunk ? 'true' : undefined}
              title={label(info)}
              onFocus={() => (focusIndex = info.index)}
              onClick={() => props.onPick(info.index)}
            />
          )}
        </For>
      </div>
      <ul class="legend">
        <li><span class="alloc-cell alloc-cell--unwritten" aria-hidden="true" />{t('alloc.unwritten')}</li>
        <li><span class="alloc-cell alloc-cell--allocated" aria-hidden="true" />{t('alloc.allocated')}</li>
        <li><span class="alloc-cell alloc-cell--shared" aria-hidden="true" />{t('alloc.shared')}</li>
        <li><span class="alloc-cell alloc-cell--unwritten alloc-cell--current" aria-hidden="true" />{t('alloc.current')}</li>
      </ul>
    </div>
  );
}
