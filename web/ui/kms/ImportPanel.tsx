// The bring-your-own-key wizard for an EXTERNAL key (../shared/spec/cloud-api.md §1.9), one
// sentence per step: 1 GetParametersForImport (RSA_2048 public key + ImportToken, 24 h), 2 key
// material — generated and wrapped in this browser, or wrapped elsewhere with openssl and pasted —
// 3 an optional expiry in lab time, 4 ImportKeyMaterial. DeleteKeyMaterial sends the key back to
// PendingImport.
import { Show, createSignal, createUniqueId, onCleanup } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabApi } from '../lab-api-context';
import { CloudErrorNote } from './CloudErrorNote';
import { FieldMessage } from './FieldMessage';
import { type FieldError, parseDays } from './key-forms';
import { formatLabTime, type KeyMetadata } from './key-view';
import type { KmsClient } from './kms-client';
import { base64ToBytes, expireUnix, generateAndWrapMaterial, isBase64, opensslCommands, publicKeyPem, WRAPPING_ALGORITHMS, type WrappingAlgorithm } from './import-material';
import { WrapChoice } from './WrapChoice';
import { createAction } from '../use-action';

interface ImportParameters {
  ImportToken: string;
  PublicKey: string;
  TokenExpireTime: string;
  algorithm: WrappingAlgorithm;
}

export function ImportPanel(props: { client: KmsClient; metadata: KeyMetadata }) {
  const { t } = useI18n();
  const api = useLabApi();
  const id = createUniqueId();
  const [algorithm, setAlgorithm] = createSignal<WrappingAlgorithm>('RSAES_OAEP_SHA_256');
  const [parameters, setParameters] = createSignal<ImportParameters>();
  const [source, setSource] = createSignal<'browser' | 'paste'>('browser');
  const [pasted, setPasted] = createSignal('');
  const [wrapped, setWrapped] = createSignal<string>();
  const [expiryDays, setExpiryDays] = createSignal('');
  const [fieldError, setFieldError] = createSignal<Record<string, FieldError>>({});
  const [isAskingDelete, setAskingDelete] = createSignal(false);
  const [pemUrl, setPemUrl] = createSignal<string>();
  const action = createAction();
  onCleanup(() => pemUrl() && URL.revokeObjectURL(pemUrl()!));

  const getParameters = async () => {
    const done = await action.run(() => props.client.call('GetParametersForImport', { KeyId: props.metadata.KeyId, WrappingAlgorithm: algorithm(), WrappingKeySpec: 'RSA_2048' }));
    if (!done) return;
    const r = done.value as unknown as ImportParameters;
    setParameters({ ImportToken: r.ImportToken, PublicKey: r.PublicKey, TokenExpireTime: r.TokenExpireTime, algorithm: algorithm() });
    setWrapped(undefined);
    if (pemUrl()) URL.revokeObjectURL(pemUrl()!);
    setPemUrl(URL.createObjectURL(new Blob([publicKeyPem(r.PublicKey)], { type: 'application/x-pem-file' })));
  };
  const generate = async () => {
    const p = parameters();
    if (!p) return;
    const done = await action.run(() => generateAndWrapMaterial(p.PublicKey, p.algorithm));
    if (done) {
      setWrapped(done.value);
      setFieldError({});
    }
  };
  const material = () => (source() === 'browser' ? wrapped() : pasted().trim());
  const importMaterial = async () => {
    const p = parameters();
    const errors: Record<string, FieldError> = {};
    const text = material();
    if (!text || !isBase64(text)) errors.material = { key: source() === 'browser' ? 'kms.import.needWrap' : 'kms.import.base64' };
    const days = expiryDays().trim() === '' ? undefined : parseDays(expiryDays(), { min: 1, max: 3650 });
    if (expiryDays().trim() !== '' && days === undefined) errors.expiry = { key: 'kms.form.days.range', params: { min: 1, max: 3650 } };
    setFieldError(errors);
    if (!p || Object.keys(errors).length) return;
    const done = await action.run(async () => {
      const expire = days ? expireUnix(String((await api.call('Lab', 'GetClock')).Now), days) : 0;
      return props.client.call('ImportKeyMaterial', {
        KeyId: props.metadata.KeyId, EncryptedKeyMaterial: text, ImportToken: p.ImportToken, ...(expire ? { KeyMaterialExpireUnix: expire } : {}),
      });
    });
    if (done) {
      setParameters(undefined);
      setWrapped(undefined);
      setPasted('');
    }
  };

  return (
    <section class="panel kms-import" aria-labelledby={`${id}-title`} data-testid="import-panel">
      <h2 id={`${id}-title`}>{t('kms.import.title')}</h2>
      <p class="panel__description">{t('kms.import.body')}</p>
      <Show when={props.metadata.MaterialExpireTime}>
        <p>{t('kms.import.expires', { date: formatLabTime(props.metadata.MaterialExpireTime) })}</p>
      </Show>
      <ol class="kms-steps">
        <li>
          <h3>{t('kms.import.step1')}</h3>
          <p>{t('kms.import.step1.body')}</p>
          <WrapChoice name={`${id}-alg`} value={algorithm()} options={WRAPPING_ALGORITHMS} onChange={setAlgorithm} label={t('kms.import.algorithm')} />
          <button type="button" class="button" disabled={action.isBusy()} onClick={() => void getParameters()} data-testid="import-get-parameters">{t('kms.import.getParameters')}</button>
          <Show when={parameters()}>
            {(p) => (
              <p class="kms-help" data-testid="import-token">
                {t('kms.import.token', { date: formatLabTime(p().TokenExpireTime) })} <code class="kms-id">{p().ImportToken}</code>{' '}
                <a href={pemUrl()} download="PublicKey.pem">{t('kms.import.download')}</a>
              </p>
            )}
          </Show>
        </li>
        <Show when={parameters()}>
          {(p) => (
            <>
              <li>
                <h3>{t('kms.import.step2')}</h3>
                <WrapChoice name={`${id}-src`} value={source()} options={['browser', 'paste'] as const} onChange={(v) => { setSource(v); setFieldError({}); }} label={t('kms.import.step2')}
                  describe={(v) => t(v === 'browser' ? 'kms.import.source.browser' : 'kms.import.source.paste')} />
                <Show when={source() === 'browser'} fallback={
                  <>
                    <p>{t('kms.import.paste.body')}</p>
                    <pre class="kms-code" data-testid="openssl-commands"><code>{opensslCommands(p().algorithm)}</code></pre>
                    <label for={`${id}-pasted`}>EncryptedKeyMaterial (Base64)</label>
                    <textarea id={`${id}-pasted`} rows="4" value={pasted()} onInput={(e) => setPasted(e.currentTarget.value)}
                      aria-invalid={!!fieldError().material} aria-describedby={`${id}-material-error`} />
                  </>
                }>
                  <p>{t('kms.import.browser.body')}</p>
                  <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => void generate()} data-testid="import-generate">{t('kms.import.generate')}</button>
                  <Show when={wrapped()}>{(w) => <p class="kms-help" role="status">{t('kms.import.wrapped', { bytes: base64ToBytes(w()).length })}</p>}</Show>
                </Show>
                <FieldMessage id={`${id}-material-error`} error={fieldError().material} />
              </li>
              <li>
                <h3>{t('kms.import.step3')}</h3>
                <label for={`${id}-expiry`}>{t('kms.import.expiry')}</label>
                <input id={`${id}-expiry`} class="kms-input--short" inputmode="numeric" placeholder={t('kms.import.never')} value={expiryDays()}
                  onInput={(e) => setExpiryDays(e.currentTarget.value)} aria-invalid={!!fieldError().expiry} aria-describedby={`${id}-expiry-error`} />
                <FieldMessage id={`${id}-expiry-error`} error={fieldError().expiry} />
              </li>
              <li>
                <h3>{t('kms.import.step4')}</h3>
                <button type="button" class="button" disabled={action.isBusy()} onClick={() => void importMaterial()} data-testid="import-submit">{t('kms.import.submit')}</button>
              </li>
            </>
          )}
        </Show>
      </ol>
      <Show when={action.isBusy()}><p class="kms-progress" role="status"><span class="spinner" aria-hidden="true" /> {t('kms.working')}</p></Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={props.metadata.KeyState !== 'PendingImport'}>
        <div class="kms-extension">
          <p>{t('kms.import.delete.body')}</p>
          <Show when={isAskingDelete()} fallback={<button type="button" class="button button--quiet button--danger" onClick={() => setAskingDelete(true)}>{t('kms.import.delete')}</button>}>
            <div class="confirm" role="group" aria-label={t('kms.import.delete')}>
              <button type="button" class="button button--danger" disabled={action.isBusy()}
                onClick={() => void action.run(() => props.client.call('DeleteKeyMaterial', { KeyId: props.metadata.KeyId })).then(() => setAskingDelete(false))}>
                {t('kms.import.delete.yes')}
              </button>
              <button type="button" class="button button--quiet" onClick={() => setAskingDelete(false)}>{t('common.cancel')}</button>
            </div>
          </Show>
        </div>
      </Show>
    </section>
  );
}
