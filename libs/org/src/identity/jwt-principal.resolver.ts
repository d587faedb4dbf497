import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { Principal, PrincipalResolver } from '@zhongshu/platform';
import { PersonAccessLoader } from '../access/person-access.js';
import { AccessTokenService } from './access-token.service.js';
import { SessionCache } from './session-cache.js';

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

  async resolve(request: FastifyRequest): Promise<Principal | undefined> {
    const header = request.headers.authorization;
    if (!header || !header.startsWith('Bearer ')) return undefined;
    const claims = this.tokens.verify(header.slice(7).trim());
    if (!claims) return undefined;
    let known = this.cache.get(claims.sid, claims.sub);
    if (!known) {
      const ticket = this.cache.ticket();
      const [row] = await this.dataSource.query(
        `SELECT p.username, s.expires_at, (SELECT revision::text FROM org.access_revision) AS revision
           FROM org.person p JOIN org.session s ON s.id = $2 AND s.person_id = p.id
          WHERE p.id = $1 AND p.status = 'active' AND s.revoked_at IS NULL AND s.expires_at > now()`,
        [claims.sub, claims.sid],
      );
      if (!row) return undefined;
      const session = { personId: claims.sub, username: row.username as string, expiresAt: (row.expires_at as Date).getTime(), checkedAt: Date.now() };
      this.cache.remember(ticket, claims.sid, session, row.revision as string);
      known = { session, revision: row.revision as string };
    }
    const access = await this.access.forPerson(claims.sub, known.revision);
    return {
      userId: claims.sub,
      username: known.session.username,
      permissions: access.permissions,
      departmentIds: access.departmentIds,
      dataScope: access.dataScope,
      session: { id: claims.sid, validUntil: Math.min(claims.exp * 1000, known.session.expiresAt) },
    };
  }
}
