import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

/** 岗位: a job a person holds (sales rep, planner), independent of the department. */
@Entity({ schema: 'org', name: 'position' })
export class Position extends BaseEntity {
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  /** 职级: the job grade approvals branch on (`applicant.level`); null when the company does not grade it. */
  @Column('integer', { nullable: true })
  level!: number | null;
}
