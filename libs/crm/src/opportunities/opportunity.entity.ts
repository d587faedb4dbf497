import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** 商机: a deal in a pipeline's stage. Money stays a decimal string end to end. */
@Entity({ schema: 'crm', name: 'opportunity' })
export class Opportunity extends BaseEntity {
  @Column('text') name!: string;
  @Column('uuid') customerId!: string;
  @Column('uuid', { nullable: true }) contactId!: string | null;
  @Column('uuid') pipelineId!: string;
  @Column('uuid') stageId!: string;
  @Column('numeric', { precision: 18, scale: 2 }) amount!: string;
  @Column('text') currency!: string;
  @Column('date', { nullable: true }) expectedCloseOn!: string | null;
  @Column('text') status!: OpportunityStatus;
  @Column('text', { nullable: true }) closeReason!: string | null;
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  @Column('timestamptz') stageEnteredAt!: Date;
  @Column('uuid') ownerId!: string;
  @Column('uuid') departmentId!: string;
  @Column('text', { nullable: true }) remark!: string | null;
}
