// A form field's validation message in the reader's language, tied to its input by id
// (aria-describedby on the input), shown only while there is something to say.
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { FieldError } from './key-forms';

export function FieldMessage(props: { id: string; error?: FieldError }) {
  const { t } = useI18n();
  return (
    <Show when={props.error}>
      {(error) => <p class="kms-field__error" id={props.id} data-testid="field-error">{t(error().key, error().params)}</p>}
    </Show>
  );
}
