// A key state as a badge: Enabled (green), Disabled (grey), PendingDeletion (red), PendingImport
// (amber), named in the reader's language with the cloud's state in data-state.
import { useI18n } from '../../i18n/I18nProvider';
import { stateBadge } from './key-view';

export function StateBadge(props: { state: string }) {
  const { t } = useI18n();
  const badge = () => stateBadge(props.state);
  return (
    <span class={`badge kms-badge--${badge().tone}`} data-state={props.state} data-testid="key-state">
      {badge().labelKey ? t(badge().labelKey!) : props.state}
    </span>
  );
}
