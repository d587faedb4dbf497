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

/** Short-lived HS256 access tokens; the algorithm is pinned so a token cannot choose it. */
@Injectable()
export class AccessTokenService {
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
  verify(token: string): (AccessClaims & { exp: number }) | undefined {
    try {
      const payload = this.jwt.verify<AccessClaims & { typ?: string; exp?: number }>(token, { algorithms: ['HS256'] });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return undefined;
      return { sub: payload.sub, sid: payload.sid, usr: payload.usr, exp: payload.exp };
    } catch {
      return undefined;
    }
  }
}
