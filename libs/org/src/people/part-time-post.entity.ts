import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

/** 兼职: a person also serves in another department, optionally in a position there. */
@Entity({ schema: 'org', name: 'part_time_post' })
export class PartTimePost extends BaseEntity {
  @Column('uuid')
  personId!: string;

  @Column('uuid')
  departmentId!: string;

  @Column('uuid', { nullable: true })
  positionId!: string | null;
}
