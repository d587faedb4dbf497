import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrgPermission } from '@zhongshu/contracts';
import { isUuid, ScopedRecordRegistry } from '@zhongshu/platform';

/** People and departments answer "why can I see this" through the platform. */
@Injectable()
export class OrgScopedRecords implements OnModuleInit {
  constructor(
    private readonly records: ScopedRecordRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.records.register('org.person', {
      readPermission: OrgPermission.PersonRead,
      locate: async (id) => {
        // Not an id at all is simply not found; comparing as uuid keeps the primary key usable.
        if (!isUuid(id)) return undefined;
        const [row] = await this.dataSource.query('SELECT id, main_department_id FROM org.person WHERE id = $1', [id]);
        return row ? { ownerId: row.id, departmentId: row.main_department_id } : undefined;
      },
    });
    this.records.register('org.department', {
      readPermission: OrgPermission.DepartmentRead,
      locate: async (id) => {
        if (!isUuid(id)) return undefined;
        const [row] = await this.dataSource.query('SELECT id FROM org.department WHERE id = $1', [id]);
        return row ? { departmentId: row.id } : undefined;
      },
    });
  }
}
