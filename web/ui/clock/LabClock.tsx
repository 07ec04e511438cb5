// The lab clock in the header (issue 4 §7): lab time in the cloud's form (ISO 8601 UTC) and in the
// reader's local form, ticking with real time, and how far it runs ahead of real time.
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { isoSeconds, localTime, offsetParts } from './clock-format';
import type { LabStatus } from './lab-status';

export function LabClock(props: { status: LabStatus }) {
  const { t, locale } = useI18n();
  const ahead = () => {
    const parts = offsetParts(props.status.offsetMs());
    if (parts.days > 0) return t('lab.clock.offset.days', { days: parts.days, hours: parts.hours });
    if (parts.hours > 0 || parts.minutes > 0) return t('lab.clock.offset.hours', { hours: parts.hours, minutes: parts.minutes });
    return undefined;
  };
  return (
    <div class="lab-clock" data-testid="lab-clock">
      <span class="lab-clock__label">{t('lab.clock.label')}</span>
      <Show when={props.status.nowMs()} fallback={<span class="lab-clock__time">…</span>}>
        {(now) => (
          <span class="lab-clock__times">
            <time class="lab-clock__time" datetime={isoSeconds(now())} data-testid="lab-time">{isoSeconds(now())}</time>
            <span class="lab-clock__local">
              {localTime(now(), locale())}
              <Show when={ahead()}>{(text) => <span class="lab-clock__ahead" data-testid="lab-clock-ahead"> · {text()}</span>}</Show>
            </span>
          </span>
        )}
      </Show>
    </div>
  );
}
