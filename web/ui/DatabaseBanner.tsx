// A banner over every page when the lab's database cannot be used from this tab: another tab
// upgraded it (reload), an older tab blocks an upgrade (close it), or the browser closed it.
import { Show } from 'solid-js';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useStorageStatus, type DatabaseStatus } from './storage-health-context';

const MESSAGES: Partial<Record<DatabaseStatus, MessageKey>> = {
  upgraded: 'db.upgraded',
  blocked: 'db.blocked',
  terminated: 'db.terminated',
};

export function DatabaseBanner() {
  const { t } = useI18n();
  const { database } = useStorageStatus();
  const message = () => MESSAGES[database()];
  return (
    <Show when={message()}>
      {(key) => (
        <div class="banner" role="alert" data-testid="db-banner" data-status={database()}>
          <div class="banner__inner">
            <p>{t(key())}</p>
            <Show when={database() !== 'blocked'}>
              <button type="button" class="button" onClick={() => location.reload()}>
                {t('db.reload')}
              </button>
            </Show>
          </div>
        </div>
      )}
    </Show>
  );
}
