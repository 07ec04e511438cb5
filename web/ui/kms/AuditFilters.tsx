// The audit trail's filters: product, action, key, outcome and kind of call (read, key use,
// change), as labelled selects whose choices come from the records themselves.
import { For } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { AuditFilter } from './audit-view';

export interface AuditFiltersProps {
  filter: AuditFilter;
  choices: { products: string[]; actions: string[]; keyIds: string[] };
  onChange(filter: AuditFilter): void;
}

export function AuditFilters(props: AuditFiltersProps) {
  const { t } = useI18n();
  const set = (patch: Partial<AuditFilter>) => props.onChange({ ...props.filter, ...patch });
  const select = (label: string, value: string, options: { value: string; text: string }[], onPick: (v: string) => void, testId: string) => (
    <label class="kms-filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onPick(e.currentTarget.value)} data-testid={testId}>
        <option value="">{t('kms.audit.any')}</option>
        <For each={options}>{(o) => <option value={o.value}>{o.text}</option>}</For>
      </select>
    </label>
  );
  const plain = (values: string[]) => values.map((v) => ({ value: v, text: v }));
  return (
    <div class="kms-filters" role="group" aria-label={t('kms.audit.filters')}>
      {select(t('kms.audit.col.product'), props.filter.product, plain(props.choices.products), (v) => set({ product: v, action: '' }), 'filter-product')}
      {select(t('kms.audit.col.action'), props.filter.action, plain(props.choices.actions), (v) => set({ action: v }), 'filter-action')}
      {select(t('kms.audit.col.key'), props.filter.keyId, plain(props.choices.keyIds), (v) => set({ keyId: v }), 'filter-key')}
      {select(t('kms.audit.col.outcome'), props.filter.outcome, [
        { value: 'Success', text: t('kms.audit.success') }, { value: 'Failure', text: t('kms.audit.failure') },
      ], (v) => set({ outcome: v as AuditFilter['outcome'] }), 'filter-outcome')}
      {select(t('kms.audit.kind'), props.filter.kind, [
        { value: 'change', text: t('kms.audit.kind.change') }, { value: 'use', text: t('kms.audit.kind.use') }, { value: 'read', text: t('kms.audit.kind.read') },
      ], (v) => set({ kind: v as AuditFilter['kind'] }), 'filter-kind')}
    </div>
  );
}
