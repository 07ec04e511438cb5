// Every code of the catalogue (common, KMS, disk, ECS, RAM) has an explanation in Japanese and English; unknown codes
// get a fallback chosen by their shape and HTTP status, never an empty text.
import { describe, expect, it } from 'vitest';
import '../../web/core/api/codes';
import '../../web/core/kms/codes';
import '../../web/core/disks/errors';
import '../../web/core/ecs/codes';
import '../../web/core/ram/ram-codes';
import { listCodes } from '../../web/core/errors';
import { EXPLANATIONS, explain, explanationOf } from '../../web/ui/errors/explanations';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('error explanations', () => {
  const codes = listCodes().map(([code]) => code);

  it('the catalogue has the KMS, common and disk codes', () => {
    expect(codes).toEqual(expect.arrayContaining([
      'Rejected.Disabled', 'InvalidParameter', 'InvalidAction.NotFound', 'DiskBusy', 'InternalFailure',
      'InvalidParameter.KMSKeyId.CMKNotEnabled', 'NoPermission', 'EntityNotExist.Role',
    ]));
  });

  it.each(listCodes().map(([code]) => code))('%s is explained in Japanese and English', (code) => {
    const explanation = explanationOf(code);
    expect(explanation.isExact).toBe(true);
    expect(explanation.en.trim().length).toBeGreaterThan(20);
    expect(explanation.ja).toMatch(JAPANESE);
    expect(explanation.en).not.toMatch(JAPANESE);
  });

  it('every entry of the table has both languages (also codes not in the catalogue, e.g. CliSyntaxError)', () => {
    for (const [code, text] of Object.entries(EXPLANATIONS)) {
      expect(text.ja, code).toMatch(JAPANESE);
      expect(text.en.trim(), code).not.toBe('');
    }
  });

  it('Rejected.Disabled tells the reader to enable the key', () => {
    expect(explain('Rejected.Disabled', 'ja')).toContain('EnableKey');
    expect(explain('Rejected.Disabled', 'ja')).toContain('無効');
    expect(explain('Rejected.Disabled', 'en')).toContain('EnableKey');
  });

  it('unknown codes fall back by shape and status, in both languages', () => {
    expect(explanationOf('InvalidVSwitchId.NotFound')).toMatchObject({ isExact: false, en: expect.stringContaining('does not exist') });
    expect(explanationOf('InvalidParameter.Bandwidth').ja).toContain('パラメーター');
    expect(explanationOf('Forbidden.RAM', 403).en).toContain('not allowed');
    expect(explanationOf('SomethingElse', 503).en).toContain('not your mistake');
    const generic = explanationOf('SomethingElse', 409);
    expect(generic.isExact).toBe(false);
    expect(generic.ja).toMatch(JAPANESE);
    expect(explanationOf('toString').isExact).toBe(false); // no prototype keys
  });
});
