import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type DeadLetterStatus = 'parked' | 'retrying';

/** An (event, handler) pair that failed every attempt, with its last error. */
@Entity({ schema: 'platform', name: 'dead_letter' })
export class DeadLetter {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') eventId!: string;
  @Column('text') handler!: string;
  @Column('text') eventType!: string;
  @Column('jsonb') envelope!: Record<string, unknown>;
  @Column('integer') attempts!: number;
  @Column('text') lastError!: string;
  @Column('text') status!: DeadLetterStatus;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @Column('uuid', { nullable: true }) createdBy!: string | null;
  @Column('uuid', { nullable: true }) updatedBy!: string | null;
  @VersionColumn() version!: number;
}
