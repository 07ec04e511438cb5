// Pure validation of the console's KMS forms, with the cloud's rules (../shared/spec/cloud-api.md
// §1.3, §1.5, §1.6): CreateKey (Description, Origin, rotation 7–365 days, up to 20 tags), alias
// names, the deletion window (7–366 days). Errors are message keys, so they follow the locale;
// valid input becomes the action's parameters. Unit-tested in Node.
import type { MessageKey, MessageParams } from '../../i18n/messages';

export interface FieldError {
  key: MessageKey;
  params?: MessageParams;
}

export type Checked<T> = { params: T; errors?: undefined } | { params?: undefined; errors: Record<string, FieldError> };

export interface TagRow {
  key: string;
  value: string;
}

export interface CreateKeyInput {
  description: string;
  origin: 'Aliyun_KMS' | 'EXTERNAL';
  isRotationEnabled: boolean;
  /** Days as typed. */
  rotationDays: string;
  tags: TagRow[];
}

export interface CreateKeyParams {
  Description?: string;
  Origin: 'Aliyun_KMS' | 'EXTERNAL';
  EnableAutomaticRotation?: boolean;
  RotationInterval?: string;
  Tags?: { TagKey: string; TagValue: string }[];
}

export const MAX_DESCRIPTION = 8192;
export const ROTATION_DAYS = { min: 7, max: 365 } as const;
export const DELETION_DAYS = { min: 7, max: 366 } as const;
export const MAX_TAGS = 20;

/** A whole number of days within `range`, or undefined. */
export function parseDays(text: string, range: { min: number; max: number }): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= range.min && days <= range.max ? days : undefined;
}

/** Tag rows → Tags, ignoring wholly empty rows; errors keyed "tag.<index>". */
export function checkTagRows(rows: readonly TagRow[]): Checked<{ TagKey: string; TagValue: string }[]> {
  const errors: Record<string, FieldError> = {};
  const tags: { TagKey: string; TagValue: string }[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (key === '' && row.value.trim() === '') return;
    const field = `tag.${index}`;
    if (key === '') errors[field] = { key: 'kms.form.tag.keyRequired' };
    else if (key.length > 128) errors[field] = { key: 'kms.form.tag.keyTooLong' };
    else if (/^(aliyun|acs:)/i.test(key)) errors[field] = { key: 'kms.form.tag.reserved' };
    else if (row.value.length > 128) errors[field] = { key: 'kms.form.tag.valueTooLong' };
    else if (seen.has(key)) errors[field] = { key: 'kms.form.tag.duplicate', params: { key } };
    seen.add(key);
    tags.push({ TagKey: key, TagValue: row.value });
  });
  if (tags.length > MAX_TAGS) errors.tags = { key: 'kms.form.tag.tooMany', params: { max: MAX_TAGS } };
  return Object.keys(errors).length ? { errors } : { params: tags };
}

export function checkCreateKey(input: CreateKeyInput): Checked<CreateKeyParams> {
  const errors: Record<string, FieldError> = {};
  if (input.description.length > MAX_DESCRIPTION) errors.description = { key: 'kms.form.description.tooLong', params: { max: MAX_DESCRIPTION } };
  let rotationDays: number | undefined;
  if (input.isRotationEnabled) {
    if (input.origin === 'EXTERNAL') errors.rotation = { key: 'kms.form.rotation.external' };
    else {
      rotationDays = parseDays(input.rotationDays, ROTATION_DAYS);
      if (rotationDays === undefined) errors.rotationDays = { key: 'kms.form.days.range', params: ROTATION_DAYS };
    }
  }
  const tags = checkTagRows(input.tags);
  Object.assign(errors, tags.errors);
  if (Object.keys(errors).length) return { errors };
  const params: CreateKeyParams = { Origin: input.origin };
  if (input.description !== '') params.Description = input.description;
  if (rotationDays !== undefined) Object.assign(params, { EnableAutomaticRotation: true, RotationInterval: `${rotationDays}d` });
  if (tags.params?.length) params.Tags = tags.params;
  return { params };
}

/** An alias as typed, with or without "alias/": the full AliasName, or why not (§1.6; alias/acs/ is reserved). */
export function checkAliasName(text: string): Checked<string> {
  const name = text.trim().replace(/^alias\//, '');
  if (name === '') return { errors: { alias: { key: 'kms.form.alias.required' } } };
  if (name.length > 255) return { errors: { alias: { key: 'kms.form.alias.tooLong' } } };
  if (!/^[A-Za-z0-9_\-/]+$/.test(name)) return { errors: { alias: { key: 'kms.form.alias.characters' } } };
  if (name.startsWith('acs/')) return { errors: { alias: { key: 'kms.form.alias.reserved' } } };
  return { params: `alias/${name}` };
}

export function checkDeletionWindow(text: string): Checked<number> {
  const days = parseDays(text, DELETION_DAYS);
  return days === undefined ? { errors: { days: { key: 'kms.form.days.range', params: DELETION_DAYS } } } : { params: days };
}

export function checkRotationDays(text: string): Checked<string> {
  const days = parseDays(text, ROTATION_DAYS);
  return days === undefined ? { errors: { rotationDays: { key: 'kms.form.days.range', params: ROTATION_DAYS } } } : { params: `${days}d` };
}
