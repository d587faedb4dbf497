import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

export const LEAD_STATUSES = ['new', 'assigned', 'converted', 'invalid'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** 线索: someone who may buy, not yet a customer. */
@Entity({ schema: 'crm', name: 'lead' })
export class Lead extends BaseEntity {
  @Column('text') name!: string;
  @Column('text', { nullable: true }) company!: string | null;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) source!: string | null;
  @Column('text', { nullable: true }) industry!: string | null;
  @Column('text', { nullable: true }) province!: string | null;
  @Column('text', { nullable: true }) city!: string | null;
  @Column('text', { nullable: true }) remark!: string | null;
  @Column('text') status!: LeadStatus;
  @Column('uuid', { nullable: true }) ownerId!: string | null;
  @Column('uuid') departmentId!: string;
  @Column('timestamptz', { nullable: true }) assignedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) lastFollowUpAt!: Date | null;
  @Column('text', { nullable: true }) invalidReason!: string | null;
  @Column('timestamptz', { nullable: true }) convertedAt!: Date | null;
  @Column('uuid', { nullable: true }) customerId!: string | null;
}
