// One disk of the launch and replace-system-disk forms: category (each disabled one with its reason),
// performance level, size with its range, and Encrypted with the key chooser — the default key the
// rules give and why (key-rules.ts), and the limit that blocks encryption here as the reason.
import { For, Show, type JSX } from 'solid-js';
import type { PerformanceLevel } from '../../core/ecs/catalogue';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { PERFORMANCE_LEVELS, categoryName } from './categories';
import type { KeyInfo } from './ecs-client';
import { effectiveEncryption } from './instance-rules';
import { KeyChooser } from './KeyChooser';
import type { DefaultKey, RegionSupport } from './key-rules';

export interface DiskFieldsCategory {
  DiskCategory: string;
  /** Why it cannot be chosen as asked, or undefined. */
  reason?: MessageKey;
}

export interface InstanceDiskFieldsProps {
  idPrefix: string;
  legend: string;
  testId: string;
  /** Undefined: no category choice (ReplaceSystemDisk keeps the category). */
  categories?: DiskFieldsCategory[];
  category: string;
  onCategory?(category: string): void;
  level: PerformanceLevel;
  onLevel?(level: PerformanceLevel): void;
  size: string;
  onSize(size: string): void;
  sizePlaceholder?: string;
  sizeError?: string;
  range: { min: number; max: number };
  /** Checked by the person (the rule may force it regardless). */
  isChecked: boolean;
  onChecked(checked: boolean): void;
  isForced: boolean;
  blockedReason?: MessageKey;
  keys: readonly KeyInfo[];
  region?: RegionSupport;
  rule: DefaultKey;
  keyId: string;
  onKeyId(keyId: string): void;
  children?: JSX.Element;
}

export function InstanceDiskFields(props: InstanceDiskFieldsProps) {
  const { t, locale } = useI18n();
  const id = props.idPrefix;
  const isEncrypted = () => effectiveEncryption(props);
  const currentReason = () => props.categories?.find((c) => c.DiskCategory === props.category)?.reason;
  return (
    <fieldset class="kms-field ecs-encrypt instance-disk" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      <div class="ecs-form__grid">
        <Show when={props.categories}>
          {(categories) => (
            <div class="kms-field">
              <label for={`${id}-category`}>{t('ecs.create.category')}</label>
              <select id={`${id}-category`} value={props.category} onChange={(e) => props.onCategory?.(e.currentTarget.value)} data-testid="disk-category">
                <For each={categories()}>
                  {(c) => (
                    <option value={c.DiskCategory} disabled={c.reason !== undefined} selected={props.category === c.DiskCategory}>
                      {categoryName(c.DiskCategory, locale())} ({c.DiskCategory}){c.reason ? ` — ${t(c.reason)}` : ''}
                    </option>
                  )}
                </For>
              </select>
              <Show when={currentReason()}>{(reason) => <p class="ecs-limit" data-testid="category-limit">{t(reason())}</p>}</Show>
            </div>
          )}
        </Show>
        <Show when={props.category === 'cloud_essd' && props.onLevel}>
          <div class="kms-field">
            <label for={`${id}-level`}>{t('ecs.create.level')}</label>
            <select id={`${id}-level`} value={props.level} onChange={(e) => props.onLevel?.(e.currentTarget.value as PerformanceLevel)} data-testid="disk-level">
              <For each={PERFORMANCE_LEVELS}>{(l) => <option value={l} selected={props.level === l}>{l}</option>}</For>
            </select>
          </div>
        </Show>
        <div class="kms-field">
          <label for={`${id}-size`}>{t('ecs.create.size')}</label>
          <input id={`${id}-size`} class="kms-input--short" inputmode="numeric" value={props.size} placeholder={props.sizePlaceholder ?? ''}
            onInput={(e) => props.onSize(e.currentTarget.value)} aria-invalid={!!props.sizeError} aria-describedby={`${id}-range ${id}-size-error`} data-testid="disk-size" />
          <p class="ecs-small" id={`${id}-range`} data-testid="disk-range">{t('ecs.create.range', { min: props.range.min, max: props.range.max })}</p>
          <Show when={props.sizeError}>{(message) => <p class="kms-field__error" id={`${id}-size-error`} data-testid="disk-size-error">{message()}</p>}</Show>
        </div>
        {props.children}
      </div>
      <label class="kms-check">
        <input type="checkbox" checked={isEncrypted()} disabled={props.isForced || props.blockedReason !== undefined}
          onChange={(e) => props.onChecked(e.currentTarget.checked)} aria-describedby={`${id}-encrypt-why`} data-testid="disk-encrypted" />
        {t('ecs.create.encrypted')}
      </label>
      <p class="ecs-small" id={`${id}-encrypt-why`}>
        <Show when={props.blockedReason} fallback={props.isForced ? t('ecs.create.forced') : t('ecs.create.irreversible')}>
          {(reason) => <span class="ecs-limit" data-testid="encryption-limit">{t(reason())}{props.isForced ? ` ${t('instances.limit.forcedButBlocked')}` : ''}</span>}
        </Show>
      </p>
      <Show when={isEncrypted()}>
        <KeyChooser keys={props.keys} region={props.region} rule={props.rule} value={props.keyId} onChange={(v) => props.onKeyId(v)} />
      </Show>
    </fieldset>
  );
}
