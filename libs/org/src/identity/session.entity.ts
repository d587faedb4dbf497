import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One sign-in: the family of refresh tokens it rotates through, revoked as a whole. */
@Entity({ schema: 'org', name: 'session' })
export class Session {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  personId!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('text', { nullable: true })
  revokedReason!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;
}
