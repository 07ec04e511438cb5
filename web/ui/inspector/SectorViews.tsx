// The same sector twice, side by side: the guest view (plaintext, read through the disk's data key
// in the workers) and the physical view (the bytes IndexedDB stores). Without a loaded key the guest
// view says why it cannot be shown; the physical view needs no key.
import { Match, Show, Switch, createResource } from 'solid-js';
import type { BlockDevice } from '../../core/disks/api';
import { SECTOR_BYTES } from '../../core/disks/types';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, type ErrorText } from '../error-text';
import { ErrorNote } from '../ErrorNote';
import { HexDump } from './HexDump';
import './sector.css';

type Read = { bytes: Uint8Array } | { error: ErrorText };

async function attempt(read: () => Promise<Uint8Array>): Promise<Read> {
  try {
    return { bytes: await read() };
  } catch (error) {
    console.error('sector read:', error);
    return { error: describeError(error) };
  }
}

const bytesOf = (read: Read | undefined) => (read && 'bytes' in read ? read.bytes : undefined);
const errorOf = (read: Read | undefined) => (read && 'error' in read ? read.error : undefined);

/** The guest's bytes as UTF-8 text for a quick read (Japanese included); empty for zeros. */
function asText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes).replace(/\0/g, '').trim();
}

export interface SectorViewsProps {
  device: BlockDevice;
  sector: number;
  /** The disk's data key is loaded in this page, or readGuest can get the guest view another way. */
  canReadGuest: boolean;
  /** The guest view through the lab API (ECS disks: the KMS unwraps their key for the read) instead of the device. */
  readGuest?: (sector: number) => Promise<Uint8Array>;
  isWritten: boolean;
  /** Changes whenever the disk's contents may have changed. */
  revision: number;
}

export function SectorViews(props: SectorViewsProps) {
  const { t } = useI18n();
  const [views] = createResource(
    () => ({ device: props.device, sector: props.sector, canReadGuest: props.canReadGuest, readGuest: props.readGuest, revision: props.revision }),
    async ({ device, sector, canReadGuest, readGuest }) => {
      const [guest, physical] = await Promise.all([
        canReadGuest ? attempt(() => (readGuest ? readGuest(sector) : device.read(sector, 1))) : undefined,
        attempt(() => device.readPhysical(sector, 1)),
      ]);
      return { sector, guest, physical };
    },
  );
  const guest = () => bytesOf(views.latest?.guest);
  const physical = () => bytesOf(views.latest?.physical);
  const offset = () => (views.latest?.sector ?? props.sector) * SECTOR_BYTES;

  return (
    <div class="sector-views" aria-busy={views.loading} data-testid="sector-views" data-sector={views.latest?.sector}>
      <Show when={!props.isWritten}>
        <p class="sector-views__unwritten muted">{t('inspector.sector.unwritten')}</p>
      </Show>
      <section class="sector-view" aria-labelledby="guest-title">
        <h3 id="guest-title">{t('inspector.guest.title')}</h3>
        <p class="sector-view__note">{t('inspector.guest.note')}</p>
        <Switch>
          <Match when={!props.canReadGuest}>
            <p class="notice" data-testid="guest-unavailable">{t('inspector.guest.noKey')}</p>
          </Match>
          <Match when={errorOf(views.latest?.guest)}>{(error) => <ErrorNote error={error()} />}</Match>
          <Match when={guest()}>
            {(bytes) => (
              <>
                <HexDump bytes={bytes()} other={physical()} baseOffset={offset()} label={t('inspector.guest.title')} testId="guest-dump" />
                <Show when={asText(bytes())}>
                  {(text) => (
                    <p class="sector-view__text" data-testid="guest-text">
                      <span class="muted">{t('inspector.guest.asText')}</span> {text()}
                    </p>
                  )}
                </Show>
              </>
            )}
          </Match>
        </Switch>
      </section>
      <section class="sector-view" aria-labelledby="physical-title">
        <h3 id="physical-title">{t('inspector.physical.title')}</h3>
        <p class="sector-view__note">{t('inspector.physical.note')}</p>
        <Switch>
          <Match when={errorOf(views.latest?.physical)}>{(error) => <ErrorNote error={error()} />}</Match>
          <Match when={physical()}>
            {(bytes) => (
              <HexDump bytes={bytes()} other={guest()} baseOffset={offset()} label={t('inspector.physical.title')} testId="physical-dump" />
            )}
          </Match>
        </Switch>
      </section>
    </div>
  );
}
