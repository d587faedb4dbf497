import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, AuditTrail, RequestContext, newId, type AppConfig } from '@zhongshu/platform';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { AccessTokenService } from './access-token.service.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionCache } from './session-cache.js';
import { Session } from './session.entity.js';
import { mintOpaqueToken, parseOpaqueToken, secretMatches } from './token-codec.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * Sessions and their rotating refresh tokens. Each refresh spends its token and
 * hands out the next of the same family; presenting a spent token again means it
 * was copied, so the whole family (the session) is revoked and both holders must
 * sign in again (OAuth 2.0 Security BCP, refresh token rotation).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditTrail,
    private readonly cache: SessionCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(manager: EntityManager, person: { id: string; username: string }): Promise<TokenPair> {
    const context = RequestContext.current();
    const now = new Date();
    const session = manager.create(Session, {
      id: newId(),
      personId: person.id,
      createdAt: now,
      expiresAt: this.refreshExpiry(now),
      revokedAt: null,
      revokedReason: null,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent ?? null,
    });
    await manager.insert(Session, session);
    return this.issue(manager, session, person);
  }

  async refresh(value: string): Promise<TokenPair> {
    const parsed = parseOpaqueToken(value);
    if (!parsed) throw invalidRefresh();
    let reused: { personId: string; sessionId: string } | undefined;
    const pair = await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { id: parsed.id }, lock: { mode: 'pessimistic_write' } });
      if (!token || !secretMatches(parsed.secret, token.tokenHash)) throw invalidRefresh();
      const session = await manager.findOne(Session, { where: { id: token.sessionId }, lock: { mode: 'pessimistic_write' } });
      if (!session || session.revokedAt) throw invalidRefresh();
      if (token.usedAt) {
        await this.revokeSession(manager, session.id, 'refresh-token-reused');
        reused = { personId: session.personId, sessionId: session.id };
        return undefined;
      }
      const now = new Date();
      if (token.expiresAt <= now || session.expiresAt <= now) throw invalidRefresh();
      const [person] = await manager.query(`SELECT id, username FROM org.person WHERE id = $1 AND status = 'active'`, [session.personId]);
      if (!person) throw invalidRefresh();
      await manager.update(RefreshToken, { id: token.id }, { usedAt: now });
      RequestContext.setActor(person.id);
      return this.issue(manager, session, person);
    });
    if (reused) {
      // Committed above, before answering: the revocation must stand although this fails.
      await this.audit.record({
        kind: 'login',
        action: 'org:session:refresh',
        outcome: 'failure',
        actorId: reused.personId,
        entityType: 'org.session',
        entityId: reused.sessionId,
        detail: 'a spent refresh token was presented again: the whole session was revoked',
      });
      throw new OrgError(
        OrgErrorCode.RefreshTokenReused,
        HttpStatus.UNAUTHORIZED,
        'This refresh token was already used, so the session was ended for safety. Sign in again.',
      );
    }
    return pair as TokenPair;
  }

  /** Signs out the session a refresh token belongs to; unknown tokens are ignored. */
  async logout(value: string): Promise<void> {
    const parsed = parseOpaqueToken(value);
    if (!parsed) return;
    await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { id: parsed.id } });
      if (!token || !secretMatches(parsed.secret, token.tokenHash)) return;
      const session = await manager.findOne(Session, { where: { id: token.sessionId } });
      if (session) RequestContext.setActor(session.personId);
      await this.revokeSession(manager, token.sessionId, 'logout');
    });
  }

  /** The database announces it to every process on commit; this one forgets at once. */
  async revokeSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    this.cache.forgetSession(sessionId);
    await manager.query('UPDATE org.session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, reason]);
  }

  /** Ends every session of a person: disabled, left, or a new password. */
  async revokeAllOf(manager: EntityManager, personId: string, reason: string): Promise<number> {
    this.cache.forgetPerson(personId);
    const result = await manager.query(
      'UPDATE org.session SET revoked_at = now(), revoked_reason = $2 WHERE person_id = $1 AND revoked_at IS NULL',
      [personId, reason],
    );
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }

  private async issue(manager: EntityManager, session: Session, person: { id: string; username: string }): Promise<TokenPair> {
    const token = mintOpaqueToken();
    const now = new Date();
    await manager.insert(RefreshToken, {
      id: token.id,
      sessionId: session.id,
      tokenHash: token.hash,
      createdAt: now,
      expiresAt: session.expiresAt,
      usedAt: null,
    });
    return {
      accessToken: this.accessTokens.sign({ sub: person.id, sid: session.id, usr: person.username }),
      refreshToken: token.value,
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }

  private refreshExpiry(from: Date): Date {
    return new Date(from.getTime() + this.config.auth.refreshTokenTtlDays * 86_400_000);
  }
}

function invalidRefresh(): OrgError {
  return new OrgError(OrgErrorCode.InvalidRefreshToken, HttpStatus.UNAUTHORIZED, 'The refresh token is not valid any more. Sign in again.');
}
