// The KMS console's addresses: #/kms (key list), #/kms/keys/<KeyId> (detail), #/audit.
import { describe, expect, it } from 'vitest';
import { keyHref, keyIdFromHash, routeFromHash, routeHref } from '../../web/ui/route';

describe('KMS routes', () => {
  it('names the key list, a key detail and the audit trail', () => {
    expect(routeFromHash('#/kms')).toBe('kms');
    expect(routeFromHash('#/kms/keys/1234abcd-12ab-34cd-56ef-123456780000')).toBe('kms');
    expect(routeFromHash('#/audit')).toBe('audit');
    expect(routeHref('audit')).toBe('#/audit');
  });

  it('reads the key id of a detail address and nothing from other addresses', () => {
    const id = '1234abcd-12ab-34cd-56ef-123456780000';
    expect(keyIdFromHash(keyHref(id))).toBe(id);
    expect(keyIdFromHash('#/kms')).toBeUndefined();
    expect(keyIdFromHash('#/kms/keys/')).toBeUndefined();
    expect(keyIdFromHash('#/inspector')).toBeUndefined();
    expect(keyIdFromHash('#/kms/keys/%E0%A4%A')).toBeUndefined();
  });

  it('encodes ids so any text round-trips', () => {
    expect(keyIdFromHash(keyHref('a/b c'))).toBe('a/b c');
  });
});
