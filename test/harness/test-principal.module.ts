import { Global, Module } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL_RESOLVER, combineGrants, type Principal, type PrincipalResolver } from '@zhongshu/platform';

// Platform tests are not about data scope: the caller reaches every record whatever it does.
const EVERYTHING = combineGrants([{ roleCode: 'test', roleName: 'test', kind: 'all', departmentIds: [], allPermissions: true, permissions: [] }]);

/**
 * A stand-in for the identity context in platform tests: `Authorization: Test
 * <userId>:<perm>,<perm>` names the caller and what they may do. Tests of real login
 * use the org module instead.
 */
class HeaderPrincipalResolver implements PrincipalResolver {
  async resolve(request: FastifyRequest): Promise<Principal | undefined> {
    const match = /^Test ([0-9a-f-]{36}):(.*)$/.exec(request.headers.authorization ?? '');
    if (!match) return undefined;
    return {
      userId: match[1],
      username: 'test',
      permissions: new Set(match[2].split(',').filter(Boolean)),
      departmentIds: [],
      dataScope: EVERYTHING,
    };
  }
}

export function testAuthorization(userId: string, permissions: string[]): string {
  return `Test ${userId}:${permissions.join(',')}`;
}

@Global()
@Module({
  providers: [{ provide: PRINCIPAL_RESOLVER, useClass: HeaderPrincipalResolver }],
  exports: [PRINCIPAL_RESOLVER],
})
export class TestPrincipalModule {}
