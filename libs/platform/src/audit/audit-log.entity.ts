import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AUDIT_KINDS = ['request', 'change', 'login'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export type AuditOutcome = 'success' | 'failure';

/**
 * One line of the audit trail, append-only (the database refuses UPDATE, DELETE and
 * TRUNCATE). `request` rows say who asked for what and how it ended; `change` rows,
 * written by a trigger in the same transaction as the change itself, carry each
 * changed field's old and new value; `login` rows record sign-ins, failed or not.
 * Not a `BaseEntity`: it is never updated, so it has no version or updated_*.
 */
@Entity({ schema: 'platform', name: 'audit_log' })
export class AuditLogEntry {
  /** Identity column: the insertion order is the order things happened. */
  @PrimaryColumn('bigint')
  id!: string;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('text')
  kind!: AuditKind;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text', { nullable: true })
  actorUsername!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;

  /** The route's permission code (`org:person:update`), or `auth:login` and the like. */
  @Column('text')
  action!: string;

  /** insert, update or delete, on `change` rows. */
  @Column('text', { nullable: true })
  operation!: string | null;

  /** `org.person`: schema and table for change rows, context and resource otherwise. */
  @Column('text', { nullable: true })
  entityType!: string | null;

  @Column('text', { nullable: true })
  entityId!: string | null;

  /** `{ field: { old, new } }`; secrets appear as "[redacted]". */
  @Column('jsonb', { nullable: true })
  changes!: Record<string, { old: unknown; new: unknown }> | null;

  @Column('text')
  outcome!: AuditOutcome;

  @Column('text', { nullable: true })
  detail!: string | null;

  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('text', { nullable: true })
  correlationId!: string | null;

  /** The event a handler reacted to, or the request that emitted the first event. */
  @Column('text', { nullable: true })
  causationId!: string | null;

  /** The correlation id the client sent with a request, kept apart from the flow's own. */
  @Column('text', { nullable: true })
  clientCorrelationId!: string | null;
}
