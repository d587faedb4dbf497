import { Column, Entity } from 'typeorm';
import { BaseEntity, type DataScopeKind } from '@zhongshu/platform';

/** What its holders may do (permission codes) and how far they reach (data scope). */
@Entity({ schema: 'org', name: 'role' })
export class Role extends BaseEntity {
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text', { array: true })
  permissions!: string[];

  /** The administrator role: every permission the application declares, present and future. */
  @Column('boolean')
  allPermissions!: boolean;

  @Column('text')
  dataScope!: DataScopeKind;

  /** The departments of a `chosen-departments` scope. */
  @Column('uuid', { array: true })
  scopeDepartmentIds!: string[];
}
