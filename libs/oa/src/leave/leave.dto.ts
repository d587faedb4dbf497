import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DAY_HALVES, LEAVE_ACCRUALS, LEAVE_LEDGER_KINDS, LEAVE_STATUSES, LEAVE_UNITS, type DayHalf, type LeaveAccrual, type LeaveLedgerKind, type LeaveStatus, type LeaveUnit } from '@zhongshu/contracts';
import { CalendarDayDto } from '../calendar/calendar.dto.js';
import { PersonNameDto } from '../requests/request.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS = /^\d{1,4}(\.\d{1,2})?$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

// ---------------------------------------------------------------- types

export class LeaveTypeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'annual' }) code!: string;
  @ApiProperty({ example: '年假' }) name!: string;
  @ApiProperty({ example: 'Annual leave' }) nameEn!: string;
  @ApiProperty() paid!: boolean;
  @ApiProperty({ enum: LEAVE_UNITS, description: 'The smallest unit: whole days, half days (morning/afternoon) or hours' }) unit!: LeaveUnit;
  @ApiProperty({ description: 'Counts calendar days (maternity leave) rather than working days' }) calendarDays!: boolean;
  @ApiProperty({ description: 'A balance is kept per person and year' }) keepsBalance!: boolean;
  @ApiProperty({ description: 'The balance may go below zero' }) allowNegative!: boolean;
  @ApiProperty({ enum: LEAVE_ACCRUALS, description: 'statutory-annual: by years of service (5/10/15), prorated; fixed: yearlyDays each year; overtime: earned by approved overtime' })
  accrual!: LeaveAccrual;
  @ApiProperty({ type: String, nullable: true, example: '5' }) yearlyDays!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A leave longer than this many days needs an attachment (a doctor’s note)' }) attachmentAboveDays!: string | null;
  @ApiProperty({ type: String, nullable: true }) maxDaysPerRequest!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'At most this many unused days carry over into the next year' }) carryOverMaxDays!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '03-31', description: 'Carried-over days expire after this day (MM-DD) of the next year' }) carryOverExpires!: string | null;
  @ApiProperty() sort!: number;
  @ApiProperty({ enum: ['active', 'archived'] }) status!: string;
  @ApiProperty() version!: number;
}

export class LeaveTypeInputDto {
  @ApiProperty({ example: 'home-leave' }) @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'must be 2-40 lower-case letters, digits or hyphens, starting with a letter' }) code!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50) name!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50) nameEn!: string;
  @ApiProperty() @IsBoolean() paid!: boolean;
  @ApiProperty({ enum: LEAVE_UNITS }) @IsIn(LEAVE_UNITS) unit!: LeaveUnit;
  @ApiProperty() @IsBoolean() calendarDays!: boolean;
  @ApiProperty() @IsBoolean() keepsBalance!: boolean;
  @ApiProperty() @IsBoolean() allowNegative!: boolean;
  @ApiProperty({ enum: LEAVE_ACCRUALS }) @IsIn(LEAVE_ACCRUALS) accrual!: LeaveAccrual;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(DAYS, { message: 'must be a number of days, e.g. 5 or 0.5' }) yearlyDays?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(DAYS, { message: 'must be a number of days' }) attachmentAboveDays?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(DAYS, { message: 'must be a number of days' }) maxDaysPerRequest?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(DAYS, { message: 'must be a number of days' }) carryOverMaxDays?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(MONTH_DAY, { message: 'must be a day of the year, MM-DD' }) carryOverExpires?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1000) sort?: number;
}

export class UpdateLeaveTypeDto extends LeaveTypeInputDto {
  @ApiProperty({ enum: ['active', 'archived'] }) @IsIn(['active', 'archived']) status!: 'active' | 'archived';
  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() version!: number;
}

// ---------------------------------------------------------------- periods and quotes

export class LeavePeriodDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() leaveTypeId!: string;
  @ApiProperty({ example: '2026-09-30' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) startDate!: string;
  @ApiProperty({ example: '2026-10-10' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) endDate!: string;
  @ApiPropertyOptional({ enum: DAY_HALVES, description: 'Half-day types: the leave starts in the morning or the afternoon' }) @IsOptional() @IsIn(DAY_HALVES) startHalf?: DayHalf;
  @ApiPropertyOptional({ enum: DAY_HALVES, description: 'Half-day types: the leave ends after the morning or the afternoon' }) @IsOptional() @IsIn(DAY_HALVES) endHalf?: DayHalf;
  @ApiPropertyOptional({ example: '09:00', description: 'Hour types: HH:00 or HH:30' }) @IsOptional() @IsString() startTime?: string;
  @ApiPropertyOptional({ example: '12:00' }) @IsOptional() @IsString() endTime?: string;
}

export class SubmitLeaveDto extends LeavePeriodDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) reason!: string;
  @ApiPropertyOptional({ type: [String], description: 'Files uploaded to the platform (a doctor’s note)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class CountedDayDto extends CalendarDayDto {
  @ApiProperty({ description: 'What this date adds, in days', example: '1' }) days!: string;
  @ApiProperty({ example: '8' }) hours!: string;
}

export class BalanceSummaryDto {
  @ApiProperty() year!: number;
  @ApiProperty({ example: '5' }) available!: string;
  @ApiProperty({ description: 'What would be left after this leave', example: '1' }) afterwards!: string;
  @ApiProperty({ description: 'The type may go below zero' }) allowNegative!: boolean;
}

export class LeaveQuoteDto {
  @ApiProperty({ example: '4', description: 'Working days (calendar days for a type that counts them)' }) days!: string;
  @ApiProperty({ example: '32' }) hours!: string;
  @ApiProperty({ enum: LEAVE_UNITS }) unit!: LeaveUnit;
  @ApiProperty({ type: [CountedDayDto] }) dates!: CountedDayDto[];
  @ApiProperty({ type: BalanceSummaryDto, nullable: true, description: 'null for a type without a balance' }) balance!: BalanceSummaryDto | null;
  @ApiProperty({ description: 'An attachment is required for a leave this long' }) attachmentRequired!: boolean;
}

// ---------------------------------------------------------------- leave requests

export class LeaveTypeRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: LEAVE_UNITS }) unit!: LeaveUnit;
}

export class LeaveCancellationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fromDate!: string;
  @ApiProperty() days!: string;
  @ApiProperty({ enum: LEAVE_STATUSES }) status!: LeaveStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) requestId!: string | null;
}

export class LeaveDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PersonNameDto }) person!: PersonNameDto;
  @ApiProperty({ type: LeaveTypeRefDto }) leaveType!: LeaveTypeRefDto;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty({ enum: DAY_HALVES, nullable: true }) startHalf!: DayHalf | null;
  @ApiProperty({ enum: DAY_HALVES, nullable: true }) endHalf!: DayHalf | null;
  @ApiProperty({ type: String, nullable: true }) startTime!: string | null;
  @ApiProperty({ type: String, nullable: true }) endTime!: string | null;
  @ApiProperty({ example: '4' }) days!: string;
  @ApiProperty({ example: '32' }) hours!: string;
  @ApiProperty({ description: 'Days given back by an approved cancellation (销假)' }) returnedDays!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: LEAVE_STATUSES }) status!: LeaveStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The approval request' }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'OA-2026-000042' }) requestNumber!: string | null;
  @ApiProperty({ type: LeaveCancellationDto, nullable: true, description: 'The latest cancellation (销假) asked for' }) cancellation!: LeaveCancellationDto | null;
  @ApiProperty() submittedAt!: string;
}

export class LeaveListQueryDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class LeaveSubmittedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: LEAVE_STATUSES }) status!: LeaveStatus;
  @ApiProperty() days!: string;
}

export class CancelLeaveDto {
  @ApiProperty({ example: '2026-10-09', description: 'The first day not taken: from it to the end is given back (the whole leave when it is the start or earlier)' })
  @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' })
  fromDate!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

// ---------------------------------------------------------------- balances and the ledger

export class LeaveBalanceDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null while nothing was ever granted or taken' }) id!: string | null;
  @ApiProperty({ type: LeaveTypeRefDto }) leaveType!: LeaveTypeRefDto;
  @ApiProperty() year!: number;
  @ApiProperty({ example: '5' }) granted!: string;
  @ApiProperty({ example: '1' }) held!: string;
  @ApiProperty({ example: '2' }) used!: string;
  @ApiProperty({ example: '2', description: 'granted − held − used' }) available!: string;
  @ApiProperty({ example: '3', description: 'Carried over from last year (included in granted)' }) carried!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-03-31' }) carriedExpiresOn!: string | null;
  @ApiProperty() carriedExpired!: boolean;
}

export class BalanceQueryDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'Another person’s balances (oa:leave:manage, within its scope)' }) @IsOptional() @IsUUID() personId?: string;
}

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: LEAVE_LEDGER_KINDS }) kind!: LeaveLedgerKind;
  @ApiProperty({ example: '5' }) grantedDelta!: string;
  @ApiProperty({ example: '0' }) heldDelta!: string;
  @ApiProperty({ example: '0' }) usedDelta!: string;
  @ApiProperty({ example: '5', description: 'Available after this entry' }) availableAfter!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) leaveId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The leave’s dates, when the entry is about one' }) leavePeriod!: string | null;
  @ApiProperty({ type: String, nullable: true }) source!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() at!: string;
}

export class GrantRunDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional({ type: [String], description: 'Only these people; everyone when absent' }) @IsOptional() @IsArray() @ArrayMaxSize(5000) @IsUUID('all', { each: true }) personIds?: string[];
}

export class CarryOverDto {
  @ApiProperty({ example: 2025, description: 'The year whose unused days carry into the next' }) @IsInt() @Min(2000) @Max(2099) fromYear!: number;
}

export class AdjustBalanceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() personId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() leaveTypeId!: string;
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: '-1.5', description: 'Days added (negative: taken away)' }) @Matches(/^-?\d{1,4}(\.\d{1,4})?$/, { message: 'must be a number of days, e.g. 2 or -0.5' }) days!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) note!: string;
}

export class GrantRunResultDto {
  @ApiProperty({ description: 'People looked at' }) people!: number;
  @ApiProperty({ description: 'Balances whose grant changed' }) changed!: number;
}

// ---------------------------------------------------------------- overtime and the team calendar

export class SubmitOvertimeDto {
  @ApiProperty({ example: '2026-10-03' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) workDate!: string;
  @ApiProperty({ example: '8', description: 'Hours worked, in halves of an hour' }) @Matches(/^\d{1,2}(\.[05])?$/, { message: 'must be hours, e.g. 8 or 2.5' }) hours!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

export class OvertimeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workDate!: string;
  @ApiProperty() hours!: string;
  @ApiProperty({ description: 'Compensatory days it earns once approved' }) days!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: LEAVE_STATUSES }) status!: LeaveStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) requestId!: string | null;
}

export class TeamCalendarQueryDto {
  @ApiProperty({ example: '2026-10-01' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) from!: string;
  @ApiProperty({ example: '2026-10-31' }) @Matches(DATE, { message: 'must be a date, YYYY-MM-DD' }) to!: string;
}

export class TeamLeaveDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: LeaveTypeRefDto }) leaveType!: LeaveTypeRefDto;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty({ enum: DAY_HALVES, nullable: true }) startHalf!: DayHalf | null;
  @ApiProperty({ enum: DAY_HALVES, nullable: true }) endHalf!: DayHalf | null;
  @ApiProperty() days!: string;
  @ApiProperty({ enum: ['pending', 'approved'] }) status!: LeaveStatus;
}

export class TeamMemberLeavesDto {
  @ApiProperty({ type: PersonNameDto }) person!: PersonNameDto;
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: [TeamLeaveDto] }) leaves!: TeamLeaveDto[];
}

export class TeamCalendarDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [CalendarDayDto], description: 'Every day of the range as the company calendar has it' }) days!: CalendarDayDto[];
  @ApiProperty({ type: [TeamMemberLeavesDto] }) people!: TeamMemberLeavesDto[];
}
