import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

/**
 * The company this installation runs: its name on documents, the currency money is
 * kept in by default, and the time zone that decides what "today" is for leave days,
 * document numbers and due dates. One row.
 */
@Entity({ schema: 'platform', name: 'company_profile' })
export class CompanyProfile extends BaseEntity {
  @Column('text')
  name!: string;

  @Column('text')
  legalName!: string;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('text')
  timeZone!: string;

  @Column('text')
  locale!: string;

  @Column('text', { nullable: true })
  taxNumber!: string | null;

  @Column('text', { nullable: true })
  address!: string | null;

  @Column('smallint')
  fiscalYearStartMonth!: number;
}
