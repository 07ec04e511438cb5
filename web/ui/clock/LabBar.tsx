// The header's lab bar: the lab clock with its "advance time" control, the account switcher,
// "reset lab" and the terminal toggle, over one LabStatus (clock and accounts) read through the lab API.
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { useLabApi } from '../lab-api-context';
import { TerminalDock } from '../terminal/TerminalDock';
import { AccountSwitcher } from './AccountSwitcher';
import { AdvanceClock } from './AdvanceClock';
import { createLabStatus } from './lab-status';
import { LabClock } from './LabClock';
import { ResetLab } from './ResetLab';
import './clock.css';

export function LabBar() {
  const { t } = useI18n();
  const status = createLabStatus(useLabApi());
  return (
    <div class="lab-bar" role="group" aria-label={t('lab.bar')} data-testid="lab-bar">
      <div class="lab-bar__inner">
        <div class="lab-bar__group">
          <LabClock status={status} />
          <AdvanceClock />
        </div>
        <div class="lab-bar__group">
          <AccountSwitcher status={status} />
          <ResetLab />
          <TerminalDock />
        </div>
      </div>
      <Show when={status.error()}>
        {(body) => <div class="lab-bar__inner lab-bar__error"><CloudErrorNote error={body()} /></div>}
      </Show>
    </div>
  );
}
