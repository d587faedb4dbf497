import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One refresh token of a session, kept only as the SHA-256 of its secret; usable once. */
@Entity({ schema: 'org', name: 'refresh_token' })
export class RefreshToken {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  sessionId!: string;

  @Column('bytea')
  tokenHash!: Buffer;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;
}
