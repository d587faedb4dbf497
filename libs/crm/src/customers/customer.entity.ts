import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

export const CUSTOMER_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type CustomerLevel = (typeof CUSTOMER_LEVELS)[number];

/** 客户: the one identity of a customer every context refers to by id. No owner means it is in the pool (公海). */
@Entity({ schema: 'crm', name: 'customer' })
export class Customer extends BaseEntity {
  @Column('text') name!: string;
  @Column('text') nameKey!: string;
  @Column('text', { nullable: true }) creditCode!: string | null;
  @Column('text', { nullable: true }) level!: CustomerLevel | null;
  @Column('text', { nullable: true }) industry!: string | null;
  @Column('text', { nullable: true }) source!: string | null;
  @Column('text', { nullable: true }) province!: string | null;
  @Column('text', { nullable: true }) city!: string | null;
  @Column('text', { nullable: true }) district!: string | null;
  @Column('text', { nullable: true }) address!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { nullable: true }) phoneKey!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) emailDomain!: string | null;
  @Column('text', { nullable: true }) website!: string | null;
  @Column('text', { nullable: true }) remark!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('uuid', { nullable: true }) ownerId!: string | null;
  @Column('uuid') departmentId!: string;
  @Column('text') status!: 'active' | 'merged';
  @Column('uuid', { nullable: true }) mergedIntoId!: string | null;
  @Column('timestamptz', { nullable: true }) ownedSince!: Date | null;
  @Column('timestamptz', { nullable: true }) lastFollowUpAt!: Date | null;
  @Column('date', { nullable: true }) nextFollowUpOn!: string | null;
  @Column('timestamptz', { nullable: true }) lastWonAt!: Date | null;
  @Column('timestamptz', { nullable: true }) poolEnteredAt!: Date | null;
  @Column('timestamptz', { nullable: true }) poolWarnedFor!: Date | null;
}
