import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@zhongshu/platform';

export interface AccessClaims {
  /** The person's id. */
  sub: string;
  /** The session the token belongs to; revoking it ends the token at once. */
  sid: string;
  usr: string;
}

// Enough for every token in use on one instance within a token's lifetime.
const VERIFIED_LIMIT = 20_000;

/**
 * Short-lived HS256 access tokens; the algorithm is pinned so a token cannot choose it.
 *
 * A token verified once is remembered until it expires: the same string always
 * verifies to the same claims, so every later request of the session skips the HMAC
 * and the JSON decoding (the largest cost of authenticating a request). Revocation is
 * not a property of the token: the session check decides it on every request.
 */
@Injectable()
export class AccessTokenService {
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  sign(claims: AccessClaims): string {
    return this.jwt.sign({ ...claims, typ: 'access' }, { algorithm: 'HS256', expiresIn: this.ttlSeconds });
  }

  /** The claims of a valid, unexpired access token, or undefined. */
  verify(token: string, now = Date.now()): AccessClaims | undefined {
    const known = this.verified.get(token);
    if (known) {
      if (now < known.expiresAt) return known.claims;
      this.verified.delete(token);
      return undefined;
    }
    let payload: AccessClaims & { typ?: string; exp?: number };
    try {
      payload = this.jwt.verify<AccessClaims & { typ?: string; exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      return undefined;
    }
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
    const claims = { sub: payload.sub, sid: payload.sid, usr: payload.usr };
    // jsonwebtoken refuses a token once the current second reaches `exp`: the same instant here.
    if (typeof payload.exp === 'number') {
      if (this.verified.size >= VERIFIED_LIMIT) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { claims, expiresAt: payload.exp * 1000 });
    }
    return claims;
  }
}
