import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * The columns every table has. The id is made by the application (UUIDv7), the
 * `version` column backs optimistic locking (see `saveVersioned`), and who created or
 * last changed the row is filled from the request context by `AuditColumnsSubscriber`.
 */
export abstract class BaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  @Column('uuid', { nullable: true })
  updatedBy!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;
}
