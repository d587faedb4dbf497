import { Column, Entity } from 'typeorm';
import type { OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts';
import { BaseEntity } from '@zhongshu/platform';

/** Who may start requests of a type: everyone, or members of these departments, or holders of these roles. */
export interface Availability {
  everyone: boolean;
  departmentIds: string[];
  roleCodes: string[];
}

export type RequestTypeStatus = 'active' | 'archived';

/**
 * 审批类型: the draft an admin designs (form and process) and, once published, the
 * version new requests start on. Published versions are rows of their own
 * (`oa.request_type_version`) that never change.
 */
@Entity({ schema: 'oa', name: 'request_type' })
export class RequestType extends BaseEntity {
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') category!: string;
  @Column('text', { nullable: true }) icon!: string | null;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('jsonb') availableTo!: Availability;
  @Column('jsonb') form!: OaFormSchema;
  @Column('jsonb') process!: OaProcessDefinition;
  @Column('text') status!: RequestTypeStatus;
  @Column('integer', { nullable: true }) publishedVersion!: number | null;
  @Column('uuid', { nullable: true }) currentVersionId!: string | null;
}
