// The KMS console (#/kms): the key list, or one key's detail when the address names a key
// (#/kms/keys/<KeyId>). Follows hashchange itself, since the app's router only knows pages.
import { Show, createSignal, onCleanup } from 'solid-js';
import { keyIdFromHash } from '../route';
import { KeyDetailPage } from './KeyDetailPage';
import { KeyListPage } from './KeyListPage';
import './kms.css';

export function KmsPage() {
  const [keyId, setKeyId] = createSignal(keyIdFromHash(location.hash));
  const follow = () => {
    if (location.hash.startsWith('#/')) setKeyId(keyIdFromHash(location.hash));
  };
  window.addEventListener('hashchange', follow);
  onCleanup(() => window.removeEventListener('hashchange', follow));
  return (
    <Show when={keyId()} keyed fallback={<KeyListPage />}>
      {(id) => <KeyDetailPage keyId={id} />}
    </Show>
  );
}
