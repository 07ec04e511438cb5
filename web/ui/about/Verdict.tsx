// One check's result as a badge: Pass / Fail (its detail as a tooltip), or a dash when that
// direction was not run. A failure's detail is also printed in the row, where it cannot be missed.
import { Show } from 'solid-js';
import type { SelfTestResult } from '../../core/ports';
import { useI18n } from '../../i18n/I18nProvider';

export function Verdict(props: { result: SelfTestResult | undefined }) {
  const { t } = useI18n();
  return (
    <Show when={props.result} fallback={<span class="muted">{t('common.none')}</span>}>
      {(result) => (
        <span class="badge" classList={{ 'badge--ok': result().isPassed, 'badge--bad': !result().isPassed }} title={result().detail}>
          {t(result().isPassed ? 'selftest.pass' : 'selftest.fail')}
        </span>
      )}
    </Show>
  );
}
