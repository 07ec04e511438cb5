// A status with its Progress while background work runs (Creating / progressing): a labelled
// <progress> the screen reader announces, then just the status when done.
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { progressPercent } from './ecs-client';

export function ProgressCell(props: { status: string; progress?: string }) {
  const { t } = useI18n();
  const isWorking = () => props.status === 'Creating' || props.status === 'progressing';
  return (
    <span class="ecs-status" data-testid="status" data-status={props.status}>
      <span class={`badge ecs-status--${props.status.toLowerCase()}`}>{props.status}</span>
      <Show when={isWorking() && props.progress !== undefined}>
        <progress class="ecs-progress" max="100" value={progressPercent(props.progress)} aria-label={t('ecs.progress', { percent: progressPercent(props.progress) })} />
        <span class="ecs-small">{props.progress}</span>
      </Show>
    </span>
  );
}
