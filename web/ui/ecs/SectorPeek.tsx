// "Look inside" a disk from its page: one sector as the guest sees it (Lab.ReadDiskSectors View=Guest,
// decrypted through the KMS as the hypervisor does) and as stored (View=Physical), with a SHA-256 of
// each, so a person can compare disks: same plaintext, different stored bytes under another data key.
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { inspectorHref } from '../route';
import { createEcsAction } from './ecs-action';
import type { EcsClient } from './ecs-client';
import { fromBase64, hexRows, leadingText, sha256Hex } from './sector-peek';

interface View {
  rows: string[];
  text: string;
  sha256: string;
}

export function SectorPeek(props: { client: EcsClient; diskId: string; regionId?: string; isEncrypted: boolean }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [sector, setSector] = createSignal('0');
  const [guest, setGuest] = createSignal<View>();
  const [physical, setPhysical] = createSignal<View>();
  const action = createEcsAction();
  const read = async (view: 'Guest' | 'Physical'): Promise<View> => {
    const response = await props.client.lab('ReadDiskSectors', { DiskId: props.diskId, Sector: Number(sector()), Count: 1, View: view }, props.regionId);
    const bytes = fromBase64(String(response.DataBase64));
    return { rows: hexRows(bytes), text: leadingText(bytes), sha256: await sha256Hex(bytes) };
  };
  const look = async (event: SubmitEvent) => {
    event.preventDefault();
    setGuest(undefined);
    setPhysical(undefined);
    await action.run(async () => {
      setPhysical(await read('Physical'));
      setGuest(await read('Guest'));
    });
  };
  const Block = (p: { title: string; view?: View; testId: string }) => (
    <Show when={p.view}>
      {(view) => (
        <div class="ecs-peek__view" data-testid={p.testId} data-sha256={view().sha256}>
          <h4>{p.title}</h4>
          <p class="ecs-small">SHA-256 <code class="ecs-hash">{view().sha256}</code></p>
          <Show when={p.testId === 'peek-guest'}><p class="ecs-small">{t('ecs.peek.text')} <code data-testid="peek-text">{view().text || '—'}</code></p></Show>
          <pre class="ecs-hex" lang="en"><For each={view().rows}>{(row) => <>{row}{'\n'}</>}</For></pre>
        </div>
      )}
    </Show>
  );
  return (
    <section class="panel ecs-peek" aria-labelledby={`${id}-title`} data-testid="sector-peek">
      <h3 id={`${id}-title`}>{t('ecs.peek.title')}</h3>
      <p class="ecs-small">{t(props.isEncrypted ? 'ecs.peek.introEncrypted' : 'ecs.peek.introPlain')}</p>
      <form class="kms-inline-form" onSubmit={(e) => void look(e)}>
        <label for={`${id}-sector`}>{t('ecs.peek.sector')}</label>
        <input id={`${id}-sector`} class="kms-input--short" inputmode="numeric" value={sector()} onInput={(e) => setSector(e.currentTarget.value)} data-testid="peek-sector" />
        <button type="submit" class="button" disabled={action.isBusy() || !/^\d+$/.test(sector())} data-testid="peek-read">{t('ecs.peek.read')}</button>
      </form>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="peek-error" />}</Show>
      <div class="ecs-peek__views">
        <Block title={t('ecs.peek.guest')} view={guest()} testId="peek-guest" />
        <Block title={t('ecs.peek.physical')} view={physical()} testId="peek-physical" />
      </div>
      <p class="ecs-small">
        <a href={inspectorHref(props.diskId)} data-testid="peek-inspector">{t('ecs.peek.inspector')}</a> — {t('ecs.peek.inspectorNote')}
      </p>
    </section>
  );
}
