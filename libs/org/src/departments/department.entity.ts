import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

export type DepartmentStatus = 'active' | 'archived';

/** A node of the org tree, of any depth; archived rather than deleted once it has history. */
@Entity({ schema: 'org', name: 'department' })
export class Department extends BaseEntity {
  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  /** 负责人: approvals route to them. */
  @Column('uuid', { nullable: true })
  leaderId!: string | null;

  @Column('uuid', { nullable: true })
  deputyId!: string | null;

  @Column('integer')
  sortOrder!: number;

  @Column('text')
  status!: DepartmentStatus;

  @Column('timestamptz', { nullable: true })
  archivedAt!: Date | null;
}
