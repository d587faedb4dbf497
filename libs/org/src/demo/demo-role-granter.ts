import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isDeclaredPermission } from '@zhongshu/contracts';
import type { DemoRoleGranter, DemoRoleGrants } from '@zhongshu/platform';

/**
 * Org owns roles, so it applies what each context's demo seed grants the demo roles:
 * permissions are added to what a role holds (never replaced), and a demo role an
 * administrator deleted stays deleted.
 */
@Injectable()
export class OrgDemoRoleGranter implements DemoRoleGranter {
  async grant(manager: EntityManager, grants: DemoRoleGrants): Promise<void> {
    for (const [code, permissions] of Object.entries(grants) as Array<[string, readonly string[]]>) {
      const undeclared = permissions.filter((permission) => !isDeclaredPermission(permission));
      if (undeclared.length > 0) throw new Error(`Demo role ${code} is granted undeclared permissions: ${undeclared.join(', ')}`);
      await manager.query(
        `UPDATE org.role SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || $2::text[]) ORDER BY 1)
          WHERE code = $1 AND NOT (permissions @> $2::text[])`,
        [code, permissions],
      );
    }
  }
}
