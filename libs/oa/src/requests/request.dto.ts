import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '@zhongshu/platform';
import { REQUEST_STATUSES } from './request-run.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------- bodies

export class SubmitRequestDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() requestTypeId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Field key -> value, as the published form says (libs/contracts OaFormData)' })
  @IsObject()
  formData!: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String], description: 'The approvers of a first node whose rule is "chosen by the previous approver"' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  chosenApproverIds?: string[];
  @ApiPropertyOptional({ description: 'Defaults to "<applicant>的<type>"' }) @IsOptional() @IsString() @Length(1, 200) title?: string;
}

export class ResubmitDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() formData!: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) chosenApproverIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class CommentBodyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ApproveDto extends CommentBodyDto {
  @ApiPropertyOptional({ type: [String], description: 'Uploaded files (POST /platform/files) attached to the decision' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'The approvers of the next node when its rule is "chosen by the previous approver"' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  nextApproverIds?: string[];
}

export class ReturnDto extends CommentBodyDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'An earlier approval node (see the action\'s returnTargets); absent or null: back to the applicant' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @Length(1, 64)
  toNodeId?: string | null;
}

export class TransferDto extends CommentBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() toPersonId!: string;
}

export class AddApproverDto extends CommentBodyDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsUUID('all', { each: true }) personIds!: string[];
  @ApiProperty({ enum: ['before', 'after'], description: 'before: they approve first and the task comes back to you; after: you approve now and they must approve too' })
  @IsIn(['before', 'after'])
  position!: 'before' | 'after';
}

export class CommentDto {
  @ApiProperty() @IsString() @Length(1, 2000) comment!: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsUUID('all', { each: true }) attachmentIds?: string[];
}

export class CcDto extends CommentBodyDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID('all', { each: true }) personIds!: string[];
}

// ---------------------------------------------------------------- queries

export class RequestListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['mine', 'cc', 'all'], default: 'mine', description: 'all needs oa:request:read and is limited by its data scope' })
  @IsOptional()
  @IsIn(['mine', 'cc', 'all'])
  box: 'mine' | 'cc' | 'all' = 'mine';
  @ApiPropertyOptional({ description: 'Part of the number or the title' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ enum: REQUEST_STATUSES }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: (typeof REQUEST_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() requestTypeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this applicant’s requests' }) @IsOptional() @IsUUID() applicantId?: string;
  @ApiPropertyOptional({ description: 'Submitted on or after (YYYY-MM-DD)' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ description: 'Submitted on or before (YYYY-MM-DD)' }) @IsOptional() @Matches(DATE) to?: string;
}

export class TaskListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['todo', 'done'], default: 'todo' }) @IsOptional() @IsIn(['todo', 'done']) box: 'todo' | 'done' = 'todo';
  @ApiPropertyOptional({ description: 'Part of the request number or title' }) @IsOptional() @IsString() @Length(1, 100) search?: string;
  @ApiPropertyOptional({ enum: REQUEST_STATUSES, description: 'The request’s status' }) @IsOptional() @IsIn(REQUEST_STATUSES) status?: (typeof REQUEST_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() requestTypeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only requests of this applicant' }) @IsOptional() @IsUUID() applicantId?: string;
  @ApiPropertyOptional({ description: 'Request submitted on or after (YYYY-MM-DD)' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ description: 'Request submitted on or before (YYYY-MM-DD)' }) @IsOptional() @Matches(DATE) to?: string;
}

// ---------------------------------------------------------------- answers

export class PersonNameDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() size!: number;
}

export class RequestTypeRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ type: String, nullable: true }) icon!: string | null;
}

export class RouteBranchDto {
  @ApiProperty() routeId!: string;
  @ApiProperty() routeName!: string;
  @ApiProperty() branchId!: string;
  @ApiProperty() branchName!: string;
}

export class RoutePersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) taskId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['waiting', 'open', 'approved', 'rejected', 'returned', 'cancelled'] }) taskStatus!: string | null;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'The person this one acts for (委托: "B for A")' }) onBehalfOf!: PersonNameDto | null;
  @ApiProperty({ description: 'Approved automatically (the applicant, or someone who approved earlier)' }) auto!: boolean;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) actedAt!: string | null;
}

export class RouteNodeDto {
  @ApiProperty() nodeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['start', 'approval', 'cc'] }) type!: 'start' | 'approval' | 'cc';
  @ApiProperty({ enum: ['done', 'current', 'pending', 'skipped'] }) status!: 'done' | 'current' | 'pending' | 'skipped';
  @ApiPropertyOptional({ enum: ['sequential', 'all', 'any', 'percentage'] }) mode?: string;
  @ApiPropertyOptional({ type: RouteBranchDto }) branch?: RouteBranchDto;
  @ApiProperty({ description: 'Chosen by the previous approver when they approve' }) chosenLater!: boolean;
  @ApiProperty({ type: [RoutePersonDto] }) people!: RoutePersonDto[];
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: ['submit', 'resubmit', 'approve', 'reject', 'return', 'transfer', 'add-approver', 'withdraw', 'cancel', 'urge', 'comment', 'cc', 'auto-approve', 'skip', 'remind', 'escalate', 'move'],
  })
  action!: string;
  @ApiProperty({ type: String, nullable: true }) nodeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) nodeName!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) taskId!: string | null;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'null for what the system did' }) actor!: PersonNameDto | null;
  @ApiProperty({ type: PersonNameDto, nullable: true }) onBehalfOf!: PersonNameDto | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: [AttachmentDto] }) attachments!: AttachmentDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What else the entry says: fromId/toId of a move, recipientIds of a CC, reason of an automatic approval' })
  detail!: Record<string, unknown>;
  @ApiProperty({ type: [PersonNameDto], description: 'The people the detail names by id (fromId, toId, recipientIds, personIds, assigneeIds), with their names' })
  people!: PersonNameDto[];
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ReturnTargetDto {
  @ApiProperty() nodeId!: string;
  @ApiProperty() name!: string;
}

export const REQUEST_ACTIONS = ['approve', 'reject', 'return', 'transfer', 'add-approver', 'withdraw', 'resubmit', 'cancel', 'urge', 'comment', 'cc'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export class RequestActionDto {
  @ApiProperty({ enum: REQUEST_ACTIONS }) action!: RequestAction;
  @ApiPropertyOptional({ format: 'uuid', description: 'Task actions: POST /oa/tasks/{taskId}/{action}; the others: POST /oa/requests/{id}/{action}' }) taskId?: string;
  @ApiPropertyOptional({ description: 'approve: the next node wants nextApproverIds' }) needsNextApprovers?: boolean;
  @ApiPropertyOptional({ type: [ReturnTargetDto], description: 'return: the earlier nodes it may go back to (besides the applicant)' }) returnTargets?: ReturnTargetDto[];
}

export class RequestDetailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'OA-2026-000123' }) number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: string;
  @ApiProperty({ type: RequestTypeRefDto }) requestType!: RequestTypeRefDto;
  @ApiProperty() versionNo!: number;
  @ApiProperty({ type: PersonNameDto }) applicant!: PersonNameDto;
  @ApiProperty({ format: 'uuid' }) applicantDepartmentId!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt!: string | null;
  @ApiProperty({ type: PersonNameDto, nullable: true }) decidedBy!: PersonNameDto | null;
  @ApiProperty({ type: String, nullable: true }) businessType!: string | null;
  @ApiProperty({ type: String, nullable: true }) businessId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The form schema of the version the request runs on (libs/contracts OaFormSchema)' })
  form!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) formData!: Record<string, unknown>;
  @ApiProperty({ type: [RouteNodeDto] }) route!: RouteNodeDto[];
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
  @ApiProperty({ type: [RequestActionDto], description: 'Exactly what the caller may do now' }) actions!: RequestActionDto[];
  @ApiProperty() version!: number;
}

export class RequestStateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: string;
}

export class RequestListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: string;
  @ApiProperty({ type: RequestTypeRefDto }) requestType!: RequestTypeRefDto;
  @ApiProperty({ type: PersonNameDto }) applicant!: PersonNameDto;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt!: string | null;
  @ApiPropertyOptional({ description: 'box=cc: not yet opened' }) unread?: boolean;
}

export class RequestPageDto {
  @ApiProperty({ type: [RequestListItemDto] }) items!: RequestListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class TaskListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nodeId!: string;
  @ApiProperty() nodeName!: string;
  @ApiProperty({ enum: ['waiting', 'open', 'approved', 'rejected', 'returned', 'cancelled'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) openedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) actedAt!: string | null;
  @ApiProperty({ type: PersonNameDto, nullable: true }) onBehalfOf!: PersonNameDto | null;
  @ApiProperty({ type: RequestListItemDto }) request!: RequestListItemDto;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskListItemDto] }) items!: TaskListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class InboxCountsDto {
  @ApiProperty({ description: 'Open tasks waiting for the caller' }) todo!: number;
  @ApiProperty({ description: 'Copies not yet opened' }) cc!: number;
  @ApiProperty({ description: 'The caller’s requests still running (or back with them after a return)' }) mine!: number;
}

export class PlannedNodeDto {
  @ApiProperty() nodeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['start', 'approval', 'cc'] }) type!: string;
  @ApiPropertyOptional({ enum: ['sequential', 'all', 'any', 'percentage'] }) mode?: string;
  @ApiPropertyOptional({ enum: ['skip', 'admin', 'refuse'] }) whenEmpty?: string;
  @ApiProperty({ type: [PersonNameDto] }) people!: PersonNameDto[];
  @ApiProperty({ description: 'Chosen by the previous approver when they approve' }) chosenLater!: boolean;
  @ApiProperty({ description: 'Chosen by the applicant when submitting (chosenApproverIds)' }) chosenBySubmitter!: boolean;
  @ApiPropertyOptional({ type: RouteBranchDto }) branch?: RouteBranchDto;
}

export class RoutePreviewDto {
  @ApiProperty({ type: [PlannedNodeDto] }) route!: PlannedNodeDto[];
}

export class PersonOpenTaskDto {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ enum: ['waiting', 'open'] }) status!: string;
  @ApiProperty() nodeName!: string;
  @ApiProperty({ type: RequestListItemDto }) request!: RequestListItemDto;
  @ApiProperty({ type: PersonNameDto, nullable: true, description: 'Where the task goes when the person leaves: their department leader, else the process admin' })
  movesTo!: PersonNameDto | null;
}
