// The envelope-encryption picture: KMS key → (encrypts) → data key → (AES-256-XTS) → sectors.
// An ordered list styled as a flow, so a screen reader reads it in the same order.
import { useI18n } from '../../i18n/I18nProvider';

export function KeyLayers() {
  const { t } = useI18n();
  return (
    <ol class="layers" aria-label={t('layers.label')}>
      <li class="layers__node layers__node--kms">
        <strong>{t('layers.kms')}</strong>
        <span>{t('layers.kms.note')}</span>
      </li>
      <li class="layers__edge">{t('layers.wraps')}</li>
      <li class="layers__node layers__node--dek">
        <strong>{t('layers.dek')}</strong>
        <span>{t('layers.dek.note')}</span>
      </li>
      <li class="layers__edge">{t('layers.encrypts')}</li>
      <li class="layers__node layers__node--disk">
        <strong>{t('layers.disk')}</strong>
        <span>{t('layers.disk.note')}</span>
      </li>
    </ol>
  );
}
