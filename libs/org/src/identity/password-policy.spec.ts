import { describe, expect, it } from '@jest/globals';
import { PASSWORD_MAX_LENGTH, passwordProblems } from './password-policy.js';

describe('password policy (ASVS V6.2)', () => {
  it('accepts long passphrases with no composition rules', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
    expect(passwordProblems('alllowercaseletters')).toEqual([]);
    expect(passwordProblems('Demo@2026')).toEqual([]);
  });

  it('needs at least 8 characters, counted as characters not bytes', () => {
    expect(passwordProblems('short')).toEqual(['must be at least 8 characters long']);
    expect(passwordProblems('中枢密码很长吧')).toEqual(['must be at least 8 characters long']);
    expect(passwordProblems('中枢密码真的很长')).toEqual([]);
  });

  it('allows at least 64 characters and at most 128', () => {
    expect(passwordProblems('a quiet river flows'.padEnd(64, '!'))).toEqual([]);
    expect(passwordProblems('x'.repeat(PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(passwordProblems('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toEqual(['must be at most 128 characters long']);
  });

  it('rejects the most common passwords whatever their case, and the username', () => {
    for (const common of ['password', 'PASSWORD1', 'qwertyuiop', '12345678', 'iloveyou']) {
      expect(passwordProblems(common).some((problem) => problem.includes('most common'))).toBe(true);
    }
    expect(passwordProblems('zhang.wei.2026', 'Zhang.Wei.2026')).toEqual(['must not be the same as the username']);
  });
});
