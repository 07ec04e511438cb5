// Marks a disk, snapshot or image whose KMS key cannot decrypt it now: "unreadable" (key disabled,
// pending deletion or pending import — reversible) or "unrecoverable" (key destroyed). Nothing when fine.
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { KeyHealth } from './key-rules';

export function KeyHealthBadge(props: { health: KeyHealth }) {
  const { t } = useI18n();
  return (
    <Show when={props.health === 'unreadable' || props.health === 'unrecoverable'}>
      <span class={`badge ecs-badge--${props.health}`} data-testid="key-health" data-health={props.health}
        title={t(props.health === 'unreadable' ? 'ecs.health.unreadable.note' : 'ecs.health.unrecoverable.note')}>
        {t(props.health === 'unreadable' ? 'ecs.health.unreadable' : 'ecs.health.unrecoverable')}
      </span>
    </Show>
  );
}
