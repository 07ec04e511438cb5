// One failed call, shown plainly: the error code, what it means in the reader's language, and
// the error's own message with its specifics.
import { Show } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider';
import type { ErrorText } from './error-text';

export function ErrorNote(props: { error: ErrorText; testId?: string }) {
  const { t } = useI18n();
  return (
    <div class="error-note" role="alert" data-testid={props.testId} data-code={props.error.code}>
      <p>
        <code class="error-note__code">{props.error.code}</code>{' '}
        {props.error.key ? t(props.error.key) : t('error.unknown')}
      </p>
      <Show when={props.error.message !== props.error.code}>
        <p class="error-note__detail">{props.error.message}</p>
      </Show>
    </div>
  );
}
