import { describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@zhongshu/platform';
import { AccessTokenService } from './access-token.service.js';

const secret = 'token-spec-secret-0123456789abcdefghijkl';

function service(ttlSeconds = 900): { tokens: AccessTokenService; jwt: JwtService } {
  const jwt = new JwtService({ secret });
  const config = loadConfig({ JWT_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: String(ttlSeconds) });
  return { tokens: new AccessTokenService(jwt, config), jwt };
}

describe('access tokens', () => {
  it('verifies a token once and answers later requests with it from memory, until it expires', () => {
    const { tokens, jwt } = service();
    const token = tokens.sign({ sub: 'p-1', sid: 's-1', usr: 'zhang.wei' });
    let verified = 0;
    const verify = jwt.verify.bind(jwt);
    jwt.verify = ((...args: Parameters<typeof verify>) => {
      verified += 1;
      return verify(...args);
    }) as typeof jwt.verify;
    const { exp } = jwt.decode<{ exp: number }>(token);
    expect(tokens.verify(token)).toEqual({ sub: 'p-1', sid: 's-1', usr: 'zhang.wei', exp });
    expect(tokens.verify(token)).toEqual({ sub: 'p-1', sid: 's-1', usr: 'zhang.wei', exp });
    expect(verified).toBe(1);
    expect(tokens.verify(token, exp * 1000 - 1)).toBeDefined();
    expect(tokens.verify(token, exp * 1000)).toBeUndefined();
  });

  it('remembers nothing it refused: a forged, a foreign or a refresh-typed token stays refused', () => {
    const { tokens } = service();
    const token = tokens.sign({ sub: 'p-1', sid: 's-1', usr: 'u' });
    const forged = `${token.slice(0, -2)}xx`;
    expect(tokens.verify(forged)).toBeUndefined();
    expect(tokens.verify(forged)).toBeUndefined();
    const foreign = new JwtService({ secret: 'another-secret-0123456789abcdefghijkl' }).sign({ sub: 'p-1', sid: 's-1', typ: 'access' });
    expect(tokens.verify(foreign)).toBeUndefined();
    const wrongType = new JwtService({ secret }).sign({ sub: 'p-1', sid: 's-1', typ: 'refresh' }, { expiresIn: 60 });
    expect(tokens.verify(wrongType)).toBeUndefined();
  });
});
