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

/** The claims of a verified token, with its expiry in seconds since the epoch. */
export type VerifiedClaims = AccessClaims & { exp: number };

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
  private readonly verified = new Map<string, { claims: VerifiedClaims }>();

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

  /** The claims of a valid, unexpired access token with its expiry (seconds since the epoch), or undefined. */
  verify(token: string, now = Date.now()): VerifiedClaims | undefined {
    const known = this.verified.get(token);
    if (known) {
      if (now < known.claims.exp * 1000) return known.claims;
      this.verified.delete(token);
      return undefined;
    }
    let payload: AccessClaims & { typ?: string; exp?: number };
    try {
      payload = this.jwt.verify<AccessClaims & { typ?: string; exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      return undefined;
    }
    // Every token this service signs carries an expiry; one without is not ours to trust.
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return undefined;
    const claims = { sub: payload.sub, sid: payload.sid, usr: payload.usr, exp: payload.exp };
    // jsonwebtoken refuses a token once the current second reaches `exp`: the same instant here.
    if (this.verified.size >= VERIFIED_LIMIT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { claims });
    return claims;
  }
}
