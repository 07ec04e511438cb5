// CopySnapshot / CopyImage (cloud-api.md §2.4, §2.5): destination region (the same one, or another),
// Encrypted and a key of the destination region with the default the rules give and why, a name.
// A copy of an encrypted source stays encrypted; a new key means a new data key and re-encryption.
import { For, Show, createEffect, createMemo, createSignal, createUniqueId, on } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { AuthorizeStep } from './AuthorizeStep';
import { createEcsAction } from './ecs-action';
import type { EcsClient, KeyInfo, RegionInfo } from './ecs-client';
import { KeyChooser } from './KeyChooser';
import { defaultKey, encryptionBlockedReason, type AccountDefault } from './key-rules';

export interface CopySource {
  kind: 'snapshot' | 'image';
  id: string;
  RegionId: string;
  Encrypted: boolean;
  KMSKeyId: string;
  isShared: boolean;
  size: number;
}

export function CopyForm(props: { client: EcsClient; source: CopySource; regions: readonly RegionInfo[]; onCopied(id: string, regionId: string): void }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [destination, setDestination] = createSignal(props.source.RegionId);
  const [keys, setKeys] = createSignal<KeyInfo[]>([]);
  const [destDefault, setDestDefault] = createSignal<AccountDefault>();
  const [isEncrypted, setEncrypted] = createSignal(false);
  const [keyId, setKeyId] = createSignal('');
  const [name, setName] = createSignal('');
  const [needsRole, setNeedsRole] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();
  const region = () => props.regions.find((r) => r.RegionId === destination());

  createEffect(on(destination, (regionId) => {
    setKeyId('');
    void load.run(async () => {
      setKeys(await props.client.keys(regionId));
      if (props.regions.find((r) => r.RegionId === regionId)?.EncryptionSupported === false) return setDestDefault(undefined);
      const status = await props.client.ecs('DescribeDiskEncryptionByDefaultStatus', {}, regionId);
      const key = status.Encrypted === true ? await props.client.ecs('DescribeDiskDefaultKMSKeyId', {}, regionId) : undefined;
      setDestDefault({ Encrypted: status.Encrypted === true, KMSKeyId: key?.KMSKeyId as string | undefined });
    });
  }));

  const isCrossRegion = () => destination() !== props.source.RegionId;
  const rule = createMemo(() => {
    const src = { SnapshotId: props.source.id, Encrypted: props.source.Encrypted, KMSKeyId: props.source.KMSKeyId, isShared: props.source.isShared, size: props.source.size };
    if (!isCrossRegion()) return defaultKey(src, destDefault());
    // A regional key cannot follow the copy: the destination's default or service key.
    const base = defaultKey(undefined, destDefault());
    return { ...base, isEncryptionForced: base.isEncryptionForced || props.source.Encrypted };
  });
  const encrypted = () => isEncrypted() || rule().isEncryptionForced;
  const blocked = () => encryptionBlockedReason(region(), undefined, true);

  const submit = async (event?: SubmitEvent, isRetry = false) => {
    event?.preventDefault();
    const isSnapshot = props.source.kind === 'snapshot';
    const params: Record<string, unknown> = {
      [isSnapshot ? 'SnapshotId' : 'ImageId']: props.source.id, DestinationRegionId: destination(),
      ...(name().trim() ? { [isSnapshot ? 'DestinationSnapshotName' : 'DestinationImageName']: name().trim() } : {}),
      ...(encrypted() ? { Encrypted: true } : {}), ...(encrypted() && keyId() ? { KMSKeyId: keyId() } : {}),
    };
    const done = await action.run(() => props.client.ecs(isSnapshot ? 'CopySnapshot' : 'CopyImage', params, props.source.RegionId));
    if (done) {
      setNeedsRole(false);
      props.onCopied(String(done.value[isSnapshot ? 'SnapshotId' : 'ImageId']), destination());
    } else if (!isRetry && action.error()?.Code === 'InvalidParameter.KMSKeyId.KMSUnauthorized') {
      setNeedsRole(true);
    }
  };

  return (
    <form class="panel kms-form ecs-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate data-testid="copy-form">
      <h3 id={`${id}-title`}>{t(props.source.kind === 'snapshot' ? 'ecs.copy.snapshotTitle' : 'ecs.copy.imageTitle')}</h3>
      <div class="ecs-form__grid">
        <div class="kms-field">
          <label for={`${id}-region`}>{t('ecs.copy.destination')}</label>
          <select id={`${id}-region`} value={destination()} onChange={(e) => setDestination(e.currentTarget.value)} data-testid="copy-region">
            <For each={props.regions}>
              {(r) => <option value={r.RegionId} selected={destination() === r.RegionId}>{r.LocalName} ({r.RegionId}){r.RegionId === props.source.RegionId ? ` — ${t('ecs.copy.sameRegion')}` : ''}</option>}
            </For>
          </select>
        </div>
        <div class="kms-field">
          <label for={`${id}-name`}>{t('ecs.copy.name')}</label>
          <input id={`${id}-name`} value={name()} onInput={(e) => setName(e.currentTarget.value)} data-testid="copy-name" />
        </div>
      </div>
      <fieldset class="kms-field ecs-encrypt">
        <legend>{t('ecs.create.encryption')}</legend>
        <label class="kms-check">
          <input type="checkbox" checked={encrypted()} disabled={blocked() !== undefined || rule().isEncryptionForced}
            onChange={(e) => setEncrypted(e.currentTarget.checked)} aria-describedby={`${id}-why`} data-testid="copy-encrypted" />
          {t('ecs.create.encrypted')}
        </label>
        <p class="ecs-small" id={`${id}-why`}>
          <Show when={blocked()} fallback={props.source.Encrypted ? t('ecs.copy.staysEncrypted') : t('ecs.copy.onlyWay')}>
            {(reason) => <span class="ecs-limit">{t(reason())}</span>}
          </Show>
        </p>
        <Show when={encrypted() && !blocked()}>
          <KeyChooser keys={keys()} region={region()} rule={rule()} value={keyId()} onChange={setKeyId} />
        </Show>
      </fieldset>
      <Show when={needsRole()}>
        <AuthorizeStep client={props.client} onCancel={() => setNeedsRole(false)} onAuthorized={() => void submit(undefined, true)} />
      </Show>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="copy-error" />}</Show>
      <div class="kms-actions">
        <button type="submit" class="button" disabled={action.isBusy()} data-testid="copy-submit">{action.isBusy() ? t('ecs.working') : t('ecs.copy.submit')}</button>
      </div>
    </form>
  );
}
