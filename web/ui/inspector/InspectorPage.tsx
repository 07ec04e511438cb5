// The disk inspector (#/inspector): what a person is looking at, the lab's disks (with the demo
// disk action and storage health beside them) and the chosen disk's map, entropy and sector views.
import { Show, createEffect, createMemo, createResource, createSignal } from 'solid-js';
import { inspectorDiskFromHash } from '../route';
import type { DiskRecord } from '../../core/disks/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useDiskLab } from '../disks-context';
import { describeError } from '../error-text';
import { ErrorNote } from '../ErrorNote';
import { hasStorageStatus } from '../storage-health-context';
import { DemoDiskPanel } from './DemoDiskPanel';
import { DiskDetail } from './DiskDetail';
import { DiskList } from './DiskList';
import { sortDisks } from './disk-summary';
import { StorageHealthPanel } from './StorageHealthPanel';
import './inspector.css';

export function InspectorPage() {
  const { t } = useI18n();
  const lab = useDiskLab();
  const [revision, setRevision] = createSignal(0);
  const [selectedId, setSelectedId] = createSignal<string>();
  const [busyIds, setBusyIds] = createSignal<ReadonlySet<string>>(new Set());
  const [disks] = createResource(revision, async () => sortDisks(await lab.disks.listDisks()));
  const listError = () => (disks.error ? describeError(disks.error) : undefined);
  const list = () => (disks.error ? [] : disks.latest ?? []);
  const selected = () => list().find((disk) => disk.id === selectedId());

  // A disk named in the address ("#/inspector?disk=d-…", from the ECS disk page) is chosen first;
  // then keep a choice while it exists; otherwise fall back to the first disk (or none).
  let wanted = inspectorDiskFromHash(location.hash);
  createEffect(() => {
    const all = list();
    const named = wanted === undefined ? undefined : all.find((disk) => disk.name === wanted || disk.id === wanted);
    if (named) {
      wanted = undefined;
      setSelectedId(named.id);
    } else if (!all.some((disk) => disk.id === selectedId())) setSelectedId(all[0]?.id);
  });

  const changed = (selectId?: string) => {
    if (selectId !== undefined) setSelectedId(selectId);
    setRevision((n) => n + 1);
  };
  const markBusy = (diskId: string, isBusy: boolean) => {
    if (busyIds().has(diskId) === isBusy) return;
    setBusyIds((ids) => {
      const next = new Set(ids);
      if (isBusy) next.add(diskId);
      else next.delete(diskId);
      return next;
    });
  };

  return (
    <article class="page inspector">
      <header class="page__header">
        <h1>{t('inspector.title')}</h1>
        <p class="lead">{t('inspector.intro')}</p>
        <p class="inspector__explain">{t('inspector.explain')}</p>
      </header>

      <div class="inspector__top">
        <section class="panel" aria-labelledby="disks-title">
          <h2 id="disks-title">{t('disks.title')}</h2>
          <Show when={listError()}>{(error) => <ErrorNote error={error()} />}</Show>
          <Show when={list().length > 0} fallback={<p class="muted" data-testid="no-disks">{disks.loading ? t('disks.loading') : t('disks.empty')}</p>}>
            <DiskList
              disks={list()}
              selectedId={selectedId()}
              hasKey={(id) => lab.keys.get(id) !== undefined}
              isBusy={(id) => busyIds().has(id)}
              onSelect={setSelectedId}
            />
          </Show>
        </section>
        <div class="inspector__side">
          <DemoDiskPanel onChanged={changed} />
          <Show when={hasStorageStatus()}>
            <StorageHealthPanel revision={revision()} />
          </Show>
        </div>
      </div>

      {/* Keyed by id, so a refreshed record keeps the sector; a deleted one stays until the choice moves. */}
      <Show when={selected()?.id} keyed>
        {(id) => {
          const disk = createMemo((last: DiskRecord) => list().find((d) => d.id === id) ?? last, selected()!);
          return <DiskDetail disk={disk()} revision={revision()} onDeleted={() => changed()} onBusy={markBusy} />;
        }}
      </Show>
    </article>
  );
}
