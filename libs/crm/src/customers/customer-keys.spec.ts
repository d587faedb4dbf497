import { describe, expect, it } from '@jest/globals';
import { companyNameKey, creditCodeCheckCharacter, creditCodeProblem, emailDomain, normaliseCreditCode, phoneKey } from './customer-keys.js';

describe('customer duplicate keys', () => {
  it('accepts a real unified social credit code and refuses one with any character changed', () => {
    // 91350100M000100Y43 is the standard's worked example.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/check character \(the 18th should be 3\)/);
    expect(creditCodeProblem('91350100M000100Y4')).toBe('must be 18 characters');
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/contains "I"/);
    expect(creditCodeProblem(normaliseCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ '))).toBeNull();
  });

  it('makes the check character of any prefix', () => {
    const prefix = '91320500MA1X2Y3Z4'.replace('Z', '0');
    expect(creditCodeProblem(prefix + creditCodeCheckCharacter(prefix))).toBeNull();
  });

  it('folds names: suffixes, brackets, width, case and spaces', () => {
    expect(companyNameKey('苏州精工（集团）有限公司')).toBe('苏州精工');
    expect(companyNameKey('苏州精工 有限公司')).toBe('苏州精工');
    expect(companyNameKey('苏州精工股份有限公司')).toBe('苏州精工');
    expect(companyNameKey('ＡＢＣ科技有限责任公司')).toBe('abc科技');
    expect(companyNameKey('Acme Co., Ltd.')).toBe('acme');
    expect(companyNameKey('ACME Inc')).toBe('acme');
    expect(companyNameKey('苏州精密')).not.toBe(companyNameKey('苏州精工'));
    // A name that is nothing but a suffix keeps it rather than becoming empty.
    expect(companyNameKey('公司')).toBe('公司');
  });

  it('reads phones as digits without the country code', () => {
    expect(phoneKey('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneKey('8613800138000')).toBe('13800138000');
    expect(phoneKey('0512-6688 1234')).toBe('051266881234');
    expect(phoneKey('+86 512 6688 1234')).toBe('051266881234');
    expect(phoneKey('+86 (0)512 6688 1234')).toBe('051266881234');
    expect(phoneKey('123')).toBeNull();
    expect(phoneKey(null)).toBeNull();
  });

  it('takes the company mail domain, never a public provider', () => {
    expect(emailDomain('li@JingGong.com.cn')).toBe('jinggong.com.cn');
    expect(emailDomain('someone@qq.com')).toBeNull();
    expect(emailDomain('x@gmail.com')).toBeNull();
    expect(emailDomain('nobody')).toBeNull();
  });
});
