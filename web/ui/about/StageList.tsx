// What runs where, and which parts exist today: plain text with a status badge, no links to
// pages that do not exist yet.
import { For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

interface Stage {
  name: MessageKey;
  body: MessageKey;
  isAvailable: boolean;
}

const STAGES: readonly Stage[] = [
  { name: 'about.where.kernel.name', body: 'about.where.kernel.body', isAvailable: true },
  { name: 'about.where.kms.name', body: 'about.where.kms.body', isAvailable: true },
  { name: 'about.where.disks.name', body: 'about.where.disks.body', isAvailable: true },
  { name: 'about.where.vm.name', body: 'about.where.vm.body', isAvailable: false },
  { name: 'about.where.console.name', body: 'about.where.console.body', isAvailable: true },
  { name: 'about.where.tutorials.name', body: 'about.where.tutorials.body', isAvailable: false },
];

export function StageList() {
  const { t } = useI18n();
  return (
    <ul class="stages">
      <For each={STAGES}>
        {(stage) => (
          <li class="stage" classList={{ 'stage--later': !stage.isAvailable }}>
            <div class="stage__head">
              <strong>{t(stage.name)}</strong>
              <span class="badge" classList={{ 'badge--ok': stage.isAvailable, 'badge--muted': !stage.isAvailable }}>
                {t(stage.isAvailable ? 'status.available' : 'status.later')}
              </span>
            </div>
            <p>{t(stage.body)}</p>
          </li>
        )}
      </For>
    </ul>
  );
}
