import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

export const PERSON_STATUSES = ['active', 'disabled', 'left'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** An employee and, when they have a password, a login. */
@Entity({ schema: 'org', name: 'person' })
export class Person extends BaseEntity {
  @Column('text')
  employeeNo!: string;

  @Column('text')
  name!: string;

  @Column('text')
  username!: string;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text', { nullable: true })
  mobile!: string | null;

  @Column('uuid')
  mainDepartmentId!: string;

  @Column('uuid', { nullable: true })
  positionId!: string | null;

  @Column('uuid', { nullable: true })
  managerId!: string | null;

  @Column('date', { nullable: true })
  hireDate!: string | null;

  @Column('text')
  status!: PersonStatus;

  /** argon2id; null until the person has been given a password. Never leaves the service. */
  @Column('text', { nullable: true, select: false })
  passwordHash!: string | null;

  @Column('timestamptz', { nullable: true })
  passwordChangedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;
}
