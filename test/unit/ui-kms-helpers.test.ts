// The KMS console's pure helpers: state badges, service-key marking, rotation summaries, lab time,
// form validation with the cloud's rules, paging, cloud error descriptions.
import { describe, expect, it } from 'vitest';
import { describeCloudError } from '../../web/ui/kms/cloud-error';
import { checkAliasName, checkCreateKey, checkDeletionWindow, checkRotationDays, checkTagRows, type CreateKeyInput } from '../../web/ui/kms/key-forms';
import { formatLabTime, intervalDays, isServiceKey, keyLabel, rotationSummary, stateBadge } from '../../web/ui/kms/key-view';
import { clampPage, pageCount, pageRange, pageSlice } from '../../web/ui/kms/paging';

describe('state badges', () => {
  it('gives each of the four key states its tone and message', () => {
    expect(stateBadge('Enabled')).toEqual({ tone: 'ok', labelKey: 'kms.state.Enabled' });
    expect(stateBadge('Disabled')).toEqual({ tone: 'neutral', labelKey: 'kms.state.Disabled' });
    expect(stateBadge('PendingDeletion')).toEqual({ tone: 'bad', labelKey: 'kms.state.PendingDeletion' });
    expect(stateBadge('PendingImport')).toEqual({ tone: 'warn', labelKey: 'kms.state.PendingImport' });
  });

  it('shows an unknown state as itself, neutral', () => {
    expect(stateBadge('Archived')).toEqual({ tone: 'neutral' });
  });
});

describe('key view', () => {
  it('marks the service key by its alias/acs/ alias or a service code as Creator', () => {
    expect(isServiceKey({ Creator: '1642381209784201' }, ['alias/demo'])).toBe(false);
    expect(isServiceKey({ Creator: '1642381209784201' }, ['alias/acs/ecs'])).toBe(true);
    expect(isServiceKey({ Creator: 'Ecs' }, [])).toBe(true);
  });

  it('summarises rotation in days, and nothing when it is off', () => {
    expect(intervalDays('604800s')).toBe(7);
    expect(intervalDays('31536000s')).toBe(365);
    expect(intervalDays(undefined)).toBeUndefined();
    expect(rotationSummary({ AutomaticRotation: 'Enabled', RotationInterval: '2592000s' })).toEqual({ status: 'Enabled', days: 30 });
    expect(rotationSummary({ AutomaticRotation: 'Suspended', RotationInterval: '604800s' })).toEqual({ status: 'Suspended', days: 7 });
    expect(rotationSummary({ AutomaticRotation: 'Disabled', RotationInterval: '604800s' })).toEqual({ status: 'Disabled', days: undefined });
  });

  it('formats the cloud’s UTC times and names a key by its first alias', () => {
    expect(formatLabTime('2026-12-04T15:30:00Z')).toBe('2026-12-04 15:30 UTC');
    expect(formatLabTime('')).toBe('');
    expect(formatLabTime('soon')).toBe('soon');
    expect(keyLabel('k-1', ['alias/zeta', 'alias/alpha'])).toBe('alias/alpha');
    expect(keyLabel('k-1', [])).toBe('k-1');
  });
});

const input = (patch: Partial<CreateKeyInput> = {}): CreateKeyInput => ({
  description: '', origin: 'Aliyun_KMS', isRotationEnabled: false, rotationDays: '365', tags: [], ...patch,
});

describe('create-key form', () => {
  it('turns a plain form into CreateKey parameters', () => {
    expect(checkCreateKey(input({ description: 'demo' }))).toEqual({ params: { Origin: 'Aliyun_KMS', Description: 'demo' } });
    expect(checkCreateKey(input({ origin: 'EXTERNAL' }))).toEqual({ params: { Origin: 'EXTERNAL' } });
  });

  it('sends rotation as RotationInterval in days, 7 to 365', () => {
    expect(checkCreateKey(input({ isRotationEnabled: true, rotationDays: '7' })).params)
      .toEqual({ Origin: 'Aliyun_KMS', EnableAutomaticRotation: true, RotationInterval: '7d' });
    expect(checkCreateKey(input({ isRotationEnabled: true, rotationDays: '365' })).params?.RotationInterval).toBe('365d');
    for (const bad of ['6', '366', '', '7.5', 'x', '-7']) {
      expect(checkCreateKey(input({ isRotationEnabled: true, rotationDays: bad })).errors?.rotationDays?.key).toBe('kms.form.days.range');
    }
  });

  it('refuses rotation for EXTERNAL keys and an over-long description', () => {
    expect(checkCreateKey(input({ origin: 'EXTERNAL', isRotationEnabled: true })).errors?.rotation?.key).toBe('kms.form.rotation.external');
    expect(checkCreateKey(input({ description: 'x'.repeat(8193) })).errors?.description?.key).toBe('kms.form.description.tooLong');
    expect(checkCreateKey(input({ description: 'x'.repeat(8192) })).errors).toBeUndefined();
  });

  it('checks tags: key required, reserved prefixes, lengths, duplicates, at most 20; empty rows ignored', () => {
    expect(checkTagRows([{ key: 'env', value: 'lab' }, { key: '', value: '' }])).toEqual({ params: [{ TagKey: 'env', TagValue: 'lab' }] });
    expect(checkTagRows([{ key: '', value: 'v' }]).errors?.['tag.0']?.key).toBe('kms.form.tag.keyRequired');
    expect(checkTagRows([{ key: 'aliyun-x', value: '' }]).errors?.['tag.0']?.key).toBe('kms.form.tag.reserved');
    expect(checkTagRows([{ key: 'ACS:x', value: '' }]).errors?.['tag.0']?.key).toBe('kms.form.tag.reserved');
    expect(checkTagRows([{ key: 'k'.repeat(129), value: '' }]).errors?.['tag.0']?.key).toBe('kms.form.tag.keyTooLong');
    expect(checkTagRows([{ key: 'k', value: 'v'.repeat(129) }]).errors?.['tag.0']?.key).toBe('kms.form.tag.valueTooLong');
    expect(checkTagRows([{ key: 'a', value: '1' }, { key: 'a', value: '2' }]).errors?.['tag.1']).toEqual({ key: 'kms.form.tag.duplicate', params: { key: 'a' } });
    const many = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(checkTagRows(many).errors?.tags?.key).toBe('kms.form.tag.tooMany');
    expect(checkTagRows(many.slice(0, 20)).params).toHaveLength(20);
  });

  it('checks alias names with or without the alias/ prefix, and keeps alias/acs/ for the cloud', () => {
    expect(checkAliasName('demo')).toEqual({ params: 'alias/demo' });
    expect(checkAliasName(' alias/team/app_1-x ')).toEqual({ params: 'alias/team/app_1-x' });
    expect(checkAliasName('').errors?.alias.key).toBe('kms.form.alias.required');
    expect(checkAliasName('alias/').errors?.alias.key).toBe('kms.form.alias.required');
    expect(checkAliasName('has space').errors?.alias.key).toBe('kms.form.alias.characters');
    expect(checkAliasName('日本').errors?.alias.key).toBe('kms.form.alias.characters');
    expect(checkAliasName('a'.repeat(256)).errors?.alias.key).toBe('kms.form.alias.tooLong');
    expect(checkAliasName('a'.repeat(255)).params).toBe(`alias/${'a'.repeat(255)}`);
    expect(checkAliasName('acs/ecs').errors?.alias.key).toBe('kms.form.alias.reserved');
  });

  it('takes a deletion window of 7 to 366 days and a rotation interval of 7 to 365', () => {
    expect(checkDeletionWindow('7')).toEqual({ params: 7 });
    expect(checkDeletionWindow('366')).toEqual({ params: 366 });
    expect(checkDeletionWindow('367').errors?.days).toEqual({ key: 'kms.form.days.range', params: { min: 7, max: 366 } });
    expect(checkDeletionWindow('6').errors?.days.key).toBe('kms.form.days.range');
    expect(checkRotationDays('30')).toEqual({ params: '30d' });
    expect(checkRotationDays('366').errors?.rotationDays.key).toBe('kms.form.days.range');
  });
});

describe('paging', () => {
  it('counts pages (at least one) and keeps a page within them', () => {
    expect(pageCount(0, 10)).toBe(1);
    expect(pageCount(10, 10)).toBe(1);
    expect(pageCount(11, 10)).toBe(2);
    expect(clampPage(5, 23, 10)).toBe(3);
    expect(clampPage(0, 23, 10)).toBe(1);
    expect(clampPage(Number.NaN, 23, 10)).toBe(1);
  });

  it('names the range a page shows and slices it', () => {
    expect(pageRange(1, 10, 23)).toEqual({ first: 1, last: 10 });
    expect(pageRange(3, 10, 23)).toEqual({ first: 21, last: 23 });
    expect(pageRange(9, 10, 23)).toEqual({ first: 21, last: 23 });
    expect(pageRange(1, 10, 0)).toEqual({ first: 0, last: 0 });
    const items = Array.from({ length: 23 }, (_, i) => i);
    expect(pageSlice(items, 3, 10)).toEqual([20, 21, 22]);
    expect(pageSlice([], 1, 10)).toEqual([]);
  });
});

describe('cloud errors', () => {
  it('reads the API’s error body as the cloud sent it', () => {
    const error = { Code: 'Rejected.Disabled', HttpStatus: 409, Message: 'The request is rejected because the key state is Disabled.', RequestId: 'ABC' };
    expect(describeCloudError(error)).toEqual(error);
  });

  it('falls back to camelCase fields, then to InternalFailure with the error’s text', () => {
    expect(describeCloudError({ code: 'AliasAlreadyExists', httpStatus: 400, message: 'taken' })).toEqual({ Code: 'AliasAlreadyExists', HttpStatus: 400, Message: 'taken', RequestId: '' });
    const plain = describeCloudError(new Error('boom'));
    expect(plain.Code).toBe('InternalFailure');
    expect(plain.Message).toBe('boom');
  });
});
