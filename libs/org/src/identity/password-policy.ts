import { readFileSync } from 'node:fs';

export const PASSWORD_MIN_LENGTH = 8;
/** ASVS asks that at least 64 be allowed; 128 also bounds the hashing work per request. */
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: ReadonlySet<string> | undefined;

/** The shipped list (libs/org/data), loaded once; `../../data` from both src/ and dist/. */
function common(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords;
}

/**
 * OWASP ASVS 5.0 V6.2: length counts, composition rules do not. Refuses passwords
 * shorter than 8 or longer than 128 characters, the most common ones, and the
 * username itself. Returns the problems, each a sentence for the person typing it.
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const lower = password.toLowerCase();
  if (common().has(lower)) problems.push('is one of the most common passwords; choose one that is harder to guess');
  if (username && lower === username.toLowerCase()) problems.push('must not be the same as the username');
  return problems;
}
