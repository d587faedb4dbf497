import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

export const CONTACT_ROLES = ['decision-maker', 'influencer', 'user', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** 联系人: a person at a customer, with their role in buying. */
@Entity({ schema: 'crm', name: 'contact' })
export class Contact extends BaseEntity {
  @Column('uuid') customerId!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text') role!: ContactRole;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('boolean') isPrimary!: boolean;
  @Column('text', { nullable: true }) remark!: string | null;
}
