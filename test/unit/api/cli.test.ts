// The aliyun CLI parser and help: words and quoting, parameters, --help for products and actions.
import { describe, expect, it } from 'vitest';
import { helpText, parseCli, tokenize } from '../../../web/core/api/cli';
import { createKmsLab } from '../../support/kms-harness';

describe('aliyun CLI parser', () => {
  it('parses product, action and --Name value pairs as wire strings', () => {
    expect(parseCli('aliyun kms Encrypt --KeyId alias/demo --Plaintext aGVsbG8=')).toEqual({
      kind: 'call', product: 'kms', action: 'Encrypt', params: { KeyId: 'alias/demo', Plaintext: 'aGVsbG8=' },
    });
    expect(parseCli('kms ListKeys --PageSize=5 --region cn-shanghai')).toEqual({ kind: 'call', product: 'kms', action: 'ListKeys', params: { PageSize: '5', RegionId: 'cn-shanghai' } });
  });

  it('keeps JSON in single quotes literal and handles double quotes, escapes and dotted names', () => {
    const c = parseCli(`aliyun kms CreateKey --Description "a \\"quoted\\" demo" --Tags '[{"TagKey":"k","TagValue":"v w"}]' --Tag.1.Key x\\ y`);
    expect(c).toEqual({ kind: 'call', product: 'kms', action: 'CreateKey', params: { Description: 'a "quoted" demo', Tags: '[{"TagKey":"k","TagValue":"v w"}]', 'Tag.1.Key': 'x y' } });
    expect(tokenize(`a'b'"c" ''`)).toEqual(['abc', '']);
  });

  it('reports unterminated quotes, missing values and repeated parameters', () => {
    expect(() => parseCli(`aliyun kms CreateKey --Description 'x`)).toThrow(/unterminated single quote/);
    expect(() => parseCli('aliyun kms CreateKey --Description "x')).toThrow(/unterminated double quote/);
    expect(() => parseCli('aliyun kms CreateKey --Description')).toThrow(/--Description needs a value/);
    expect(() => parseCli('aliyun kms CreateKey --A 1 --A 2')).toThrow(/given twice/);
    expect(() => parseCli('aliyun kms CreateKey extra')).toThrow(/extra word/);
  });

  it('--help for the CLI, a product and an action; help texts come from the schemas', async () => {
    expect(parseCli('aliyun --help')).toEqual({ kind: 'help', product: undefined, action: undefined });
    expect(parseCli('aliyun kms')).toEqual({ kind: 'help', product: 'kms', action: undefined });
    expect(parseCli('aliyun kms Encrypt --help')).toEqual({ kind: 'help', product: 'kms', action: 'Encrypt' });
    const { router } = await createKmsLab();
    const products = router.listProducts();
    expect(helpText(products)).toMatch(/kms .*Key Management/);
    expect(helpText(products, 'KMS')).toContain('ScheduleKeyDeletion');
    const encrypt = helpText(products, 'kms', 'Encrypt');
    expect(encrypt).toContain('--KeyId (required)');
    expect(encrypt).toContain('--EncryptionContext');
    expect(helpText(products, 'lab', 'AdvanceClock')).toContain('--Days');
  });

  it('a parsed command runs through the router like the JS API', async () => {
    const { router } = await createKmsLab();
    const c = parseCli(`aliyun kms CreateKey --Description demo --EnableAutomaticRotation true --RotationInterval 30d`);
    if (c.kind !== 'call') throw new Error('expected a call');
    const res = await router.call(c.product, c.action, c.params);
    expect(res.KeyMetadata).toMatchObject({ Description: 'demo', RotationInterval: '2592000s', AutomaticRotation: 'Enabled' });
  });
});
