import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@zhongshu/platform';

/** 产品: an item the company sells, with its list price before tax and its VAT rate. */
@Entity({ schema: 'erp', name: 'product' })
export class Product extends BaseEntity {
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  unit!: string;

  /** numeric(16,2), kept as the decimal string PostgreSQL gives: never a JS number. */
  @Column('numeric')
  listPrice!: string;

  /** In percent: 13, 9, 6 or 0 (numeric(4,2) as a string). */
  @Column('numeric')
  taxRate!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('boolean')
  active!: boolean;
}
