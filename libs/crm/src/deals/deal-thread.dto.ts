import { ApiProperty } from '@nestjs/swagger';

export const DEAL_CONTEXTS = ['crm', 'oa', 'erp'] as const;

/** One thing done for the deal: who did what, when, in which context, with a link to the record. */
export class DealStepDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: DEAL_CONTEXTS }) context!: (typeof DEAL_CONTEXTS)[number];
  @ApiProperty({ example: 'contract.signed', description: 'What happened: contract.created, contract.signed, approval.submitted, approval.approve, order.created, order.confirmed, …' }) kind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The person, or null for the system (an event handler)' }) actorName!: string | null;
  @ApiProperty({ description: 'The record it happened to: HT-2026-000042 (v2), OA-2026-000123, SO-2026-000007' }) subject!: string;
  @ApiProperty({ type: String, nullable: true, description: "The SPA's path of the record" }) link!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The audit trail’s correlation id of the flow this step belongs to' }) correlationId!: string | null;
}

export class DealApprovalDto {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() signedVersion!: number;
  @ApiProperty() status!: string;
  @ApiProperty({ type: [String], description: 'Who it waits for now: "销售经理审核: 张伟"' }) waitingFor!: string[];
}

export class DealOrderDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() contractVersion!: number;
  @ApiProperty({ enum: ['pending_approval', 'confirmed', 'cancelled'] }) status!: string;
  @ApiProperty() total!: string;
}

export class DealThreadDto {
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty() contractNumber!: string;
  @ApiProperty() contractStatus!: string;
  @ApiProperty({ type: [String], description: 'Every correlation id of the flows that touched the deal (signing, each review decision)' }) correlationIds!: string[];
  @ApiProperty({ type: [DealApprovalDto] }) approvals!: DealApprovalDto[];
  @ApiProperty({ type: [DealOrderDto] }) orders!: DealOrderDto[];
  @ApiProperty({ type: [DealStepDto], description: 'Oldest first' }) steps!: DealStepDto[];
}
