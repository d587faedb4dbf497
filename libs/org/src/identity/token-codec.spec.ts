import { describe, expect, it } from '@jest/globals';
import { mintOpaqueToken, parseOpaqueToken, secretMatches } from './token-codec.js';

describe('opaque refresh tokens', () => {
  it('parse back into id and secret, and only the right secret matches the stored hash', () => {
    const token = mintOpaqueToken();
    const parsed = parseOpaqueToken(token.value);
    expect(parsed).toEqual({ id: token.id, secret: token.secret });
    expect(secretMatches(token.secret, token.hash)).toBe(true);
    expect(secretMatches(mintOpaqueToken().secret, token.hash)).toBe(false);
    expect(token.hash.toString('hex')).not.toContain(Buffer.from(token.secret).toString('hex'));
  });

  it('refuse anything not shaped like a token', () => {
    expect(parseOpaqueToken('')).toBeUndefined();
    expect(parseOpaqueToken('abc.def')).toBeUndefined();
    expect(parseOpaqueToken(`${mintOpaqueToken().id}.short`)).toBeUndefined();
  });
});
