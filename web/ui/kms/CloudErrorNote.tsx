// A failed cloud call: the cloud's code and HTTP status, its English message (marked lang="en" so
// it reads right inside a Japanese page), an explanation in the reader's language, the request id.
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { CloudErrorText } from './cloud-error';

export function CloudErrorNote(props: { error: CloudErrorText; testId?: string }) {
  const { t } = useI18n();
  return (
    <div class="error-note kms-error" role="alert" data-testid={props.testId ?? 'cloud-error'} data-code={props.error.code}>
      <p>
        <code class="error-note__code">{props.error.code}</code>
        <Show when={props.error.httpStatus}>{(status) => <span class="kms-error__status"> ({status()})</span>}</Show>
        {' '}
        <span lang="en" class="kms-error__message">{props.error.message}</span>
      </p>
      <p class="kms-error__explain">{t(props.error.explanationKey)}</p>
      <Show when={props.error.requestId}>
        {(id) => <p class="error-note__detail">RequestId <code>{id()}</code></p>}
      </Show>
    </div>
  );
}
