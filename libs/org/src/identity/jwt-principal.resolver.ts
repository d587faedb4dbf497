import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { Principal, PrincipalResolver } from '@zhongshu/platform';
import { PersonAccessLoader, type PersonAccess } from '../access/person-access.js';
import { AccessTokenService, type VerifiedClaims } from './access-token.service.js';
import { SessionCache, accessRevision, type CachedSession } from './session-cache.js';

/**
 * The identity context's side of the platform's PRINCIPAL_RESOLVER port: a bearer
 * access token becomes a principal, but only while its person is active and its
 * session unrevoked. That is checked in the database, or in the session cache that
 * the database's change notifications keep true, so disabling someone, a password
 * change or signing out ends their tokens at once rather than at expiry.
 */
@Injectable()
export class JwtPrincipalResolver implements PrincipalResolver {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly access: PersonAccessLoader,
    private readonly cache: SessionCache,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Synchronous when the token was verified before and its session and access are
   * cached (nearly every request): only a first sight of a session, or a change
   * announced since, waits for the database.
   */
  resolve(request: FastifyRequest): Principal | undefined | Promise<Principal | undefined> {
    const header = request.headers.authorization;
    if (!header || !header.startsWith('Bearer ')) return undefined;
    const claims = this.tokens.verify(header.slice(7).trim());
    if (!claims) return undefined;
    const known = this.cache.get(claims.sid, claims.sub);
    const access = known && this.access.cachedFor(claims.sub, known.revision);
    if (known && access) return principalOf(claims, known.session, access);
    return this.resolveFromDatabase(claims, known);
  }

  private async resolveFromDatabase(claims: VerifiedClaims, known: { session: CachedSession; revision: string } | undefined): Promise<Principal | undefined> {
    const personId = claims.sub;
    const sessionId = claims.sid;
    if (!known) {
      const ticket = this.cache.ticket();
      const [row] = await this.dataSource.query(
        `SELECT p.username, p.access_revision::text AS access_revision, s.expires_at, (SELECT revision::text FROM org.access_revision) AS revision
           FROM org.person p JOIN org.session s ON s.id = $2 AND s.person_id = p.id
          WHERE p.id = $1 AND p.status = 'active' AND s.revoked_at IS NULL AND s.expires_at > now()`,
        [personId, sessionId],
      );
      if (!row) return undefined;
      const session = {
        personId,
        username: row.username as string,
        expiresAt: (row.expires_at as Date).getTime(),
        checkedAt: Date.now(),
        accessRevision: row.access_revision as string,
      };
      this.cache.remember(ticket, sessionId, session, row.revision as string);
      known = { session, revision: accessRevision(row.revision as string, session.accessRevision) };
    }
    return principalOf(claims, known.session, await this.access.forPerson(claims.sub, known.revision));
  }
}

/** The session part tells long-lived readers (the notification stream) when the credentials stop being good. */
function principalOf(claims: VerifiedClaims, session: CachedSession, access: PersonAccess): Principal {
  return {
    userId: claims.sub,
    username: session.username,
    permissions: access.permissions,
    departmentIds: access.departmentIds,
    dataScope: access.dataScope,
    session: { id: claims.sid, validUntil: Math.min(claims.exp * 1000, session.expiresAt) },
  };
}
