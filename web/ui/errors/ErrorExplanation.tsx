// What an error code means and what to do, in the page's language, to sit beside the cloud's English
// Code and Message (issue 4 §1). Used by the terminal; any console page may use it:
// <ErrorExplanation code={error.Code} httpStatus={error.HttpStatus} />.
import { useI18n } from '../../i18n/I18nProvider';
import { explanationOf } from './explanations';
import './errors.css';

export function ErrorExplanation(props: { code: string; httpStatus?: number; class?: string }) {
  const { locale, t } = useI18n();
  const explanation = () => explanationOf(props.code, props.httpStatus);
  return (
    <div class={`error-explanation ${props.class ?? ''}`} data-testid="error-explanation" data-code={props.code} data-exact={explanation().isExact}>
      <p class="error-explanation__label">{t('errors.explanation.label')}</p>
      <p class="error-explanation__text" lang={locale()}>{explanation()[locale()]}</p>
    </div>
  );
}
