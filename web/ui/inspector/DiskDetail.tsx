// One disk under the inspector: its facts and Delete, the allocation map and entropy chart of its
// chunks, the sector picker, and the guest and physical views of the chosen sector.
import { Match, Show, Switch, createMemo, createResource, createSignal, onCleanup } from 'solid-js';
import type { DiskRecord } from '../../core/disks/types';
import { SECTOR_BYTES } from '../../core/disks/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useDiskLab } from '../disks-context';
import { useLabApi } from '../lab-api-context';
import { describeError, isDiskBusy, type ErrorText } from '../error-text';
import { ErrorNote } from '../ErrorNote';
import { formatBytes } from '../format-bytes';
import { AllocationMap } from './AllocationMap';
import { chunkOfSector, firstSectorOfChunk, nextAllocatedChunk } from './allocation';
import { DeleteDiskButton } from './DeleteDiskButton';
import { encryptionKind } from './disk-summary';
import { EntropyChart } from './EntropyChart';
import { SectorPicker } from './SectorPicker';
import { SectorViews } from './SectorViews';

export interface DiskDetailProps {
  disk: DiskRecord;
  /** Bumped by the page whenever disks may have changed. */
  revision: number;
  onDeleted(): void;
  onBusy(diskId: string, isBusy: boolean): void;
}

/** The ECS disk (DiskId, region) a storage disk backs: ECS names its storage disks by DiskId and binds
 *  the region into the wrapped key's encryption context. Undefined for lab-only disks. */
function ecsDiskOf(disk: DiskRecord): { diskId: string; regionId?: string } | undefined {
  const e = disk.encryption;
  if (!e.isEncrypted || e.keySource !== 'kms' || !/^d-/.test(disk.name)) return undefined;
  return { diskId: disk.name, regionId: e.wrappedKey?.encryptionContext.RegionId };
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

export function DiskDetail(props: DiskDetailProps) {
  const { t, locale } = useI18n();
  const lab = useDiskLab();
  const [retries, setRetries] = createSignal(0);
  const [sector, setSector] = createSignal(0);
  const [isDeleting, setDeleting] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<ErrorText>();

  const api = useLabApi();
  const handle = () => lab.keys.get(props.disk.id);
  const isEncrypted = () => props.disk.encryption.isEncrypted;
  const ecs = () => ecsDiskOf(props.disk);
  // An ECS disk's guest view goes the hypervisor's way (Lab.ReadDiskSectors): the KMS unwraps its data
  // key into the pool for the read, as ECS's role, so a disabled key refuses it with the KMS's error.
  const readGuest = () => {
    const disk = ecs();
    if (!disk || handle() !== undefined) return undefined;
    return async (sector: number) => {
      const r = await api.call('Lab', 'ReadDiskSectors', { DiskId: disk.diskId, RegionId: disk.regionId, Sector: sector, Count: 1, View: 'Guest' });
      return fromBase64(String(r.DataBase64));
    };
  };
  const canReadGuest = () => !isEncrypted() || handle() !== undefined || ecs() !== undefined;
  const sizeSectors = () => props.disk.sizeBytes / SECTOR_BYTES;
  const chunk = () => chunkOfSector(sector(), props.disk.chunkBytes);

  const track = async <T,>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (isDiskBusy(error)) props.onBusy(props.disk.id, true);
      throw error;
    }
  };
  const [device] = createResource(
    () => ({ id: props.disk.id, handle: handle(), retry: retries() }),
    ({ id, handle }) => track(lab.disks.open(id, handle)),
  );
  const [infos] = createResource(
    () => ({ id: props.disk.id, revision: props.revision, retry: retries() }),
    ({ id }) => track(lab.disks.chunkInfo(id)),
  );
  // Locks are held per operation, so "in use elsewhere" is a state to look at now and then, not an event.
  const [isInUseElsewhere, setInUseElsewhere] = createSignal(false);
  const look = async () => {
    try {
      const inUse = await lab.isInUseElsewhere(props.disk.id);
      setInUseElsewhere(inUse);
      props.onBusy(props.disk.id, inUse);
    } catch (error) {
      console.error('lock query:', error); // the badge just stays as it was
    }
  };
  void look();
  const timer = setInterval(look, 2000);
  onCleanup(() => clearInterval(timer));

  const loadError = createMemo(() => (device.error ?? infos.error ? describeError(device.error ?? infos.error) : undefined));
  const isWritten = () => infos.latest?.[chunk()]?.isAllocated ?? false;
  const nextAllocatedSector = () => {
    const next = infos.latest && nextAllocatedChunk(infos.latest, chunk());
    return next === undefined ? undefined : firstSectorOfChunk(next, props.disk.chunkBytes);
  };

  async function remove() {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      await lab.disks.deleteDisk(props.disk.id);
      const key = lab.keys.forget(props.disk.id);
      if (key !== undefined) await lab.cipher.releaseKey(key); // zeroed in every worker
      props.onDeleted();
    } catch (error) {
      console.error('delete disk:', error);
      setDeleteError(describeError(error));
      setDeleting(false);
    }
  }

  return (
    <section class="disk-detail panel" aria-labelledby="disk-detail-title" data-testid="disk-detail" data-disk-id={props.disk.id}>
      <div class="panel__head">
        <div>
          <h2 id="disk-detail-title">{props.disk.name}</h2>
          <p class="muted disk-detail__facts">
            {formatBytes(props.disk.sizeBytes, locale())} · {t('disk.chunkSize', { size: formatBytes(props.disk.chunkBytes, locale()) })} ·{' '}
            {t(`disk.encryption.${encryptionKind(props.disk)}`)}
          </p>
        </div>
        {/* An ECS disk's storage belongs to ECS: deleting it here would leave the ECS disk lost. */}
        <Show when={/^d-/.test(props.disk.name)} fallback={<DeleteDiskButton diskName={props.disk.name} isBusy={isDeleting()} onConfirm={remove} />}>
          <p class="muted" data-testid="ecs-managed">{t('inspector.ecsManaged')}</p>
        </Show>
      </div>
      <Show when={isInUseElsewhere()}>
        <p class="notice" data-testid="disk-in-use">{t('disk.busyElsewhere')}</p>
      </Show>
      <Show when={deleteError()}>{(error) => <ErrorNote error={error()} testId="delete-error" />}</Show>
      <Show when={encryptionKind(props.disk) === 'session'}>
        <p class="notice notice--info">{t('disk.sessionNote')}</p>
      </Show>

      <Switch>
        <Match when={loadError()}>
          {(error) => (
            <div class="disk-detail__error">
              <Show when={error().code === 'DiskBusy'}>
                <p class="notice" data-testid="disk-busy">{t('disk.busyElsewhere')}</p>
              </Show>
              <ErrorNote error={error()} />
              <button type="button" class="button button--quiet" onClick={() => setRetries((n) => n + 1)}>
                {t('common.retry')}
              </button>
            </div>
          )}
        </Match>
        <Match when={infos.latest && device.latest}>
          <div class="disk-detail__charts">
            <section aria-labelledby="alloc-title">
              <h3 id="alloc-title">{t('alloc.title')}</h3>
              <AllocationMap
                infos={infos.latest!}
                chunkBytes={props.disk.chunkBytes}
                currentChunk={chunk()}
                onPick={(index) => setSector(firstSectorOfChunk(index, props.disk.chunkBytes))}
              />
            </section>
            <section aria-labelledby="entropy-title">
              <h3 id="entropy-title">{t('entropy.title')}</h3>
              <EntropyChart infos={infos.latest!} currentChunk={chunk()} isEncrypted={isEncrypted()} />
            </section>
          </div>
          <SectorPicker
            sector={sector()}
            sizeSectors={sizeSectors()}
            chunk={chunk()}
            nextAllocatedSector={nextAllocatedSector()}
            onChange={setSector}
          />
          <SectorViews device={device.latest!} sector={sector()} canReadGuest={canReadGuest()} readGuest={readGuest()} isWritten={isWritten()} revision={props.revision} />
        </Match>
        <Match when={true}>
          <p class="muted"><span class="spinner" aria-hidden="true" /> {t('disk.loading')}</p>
        </Match>
      </Switch>
    </section>
  );
}
