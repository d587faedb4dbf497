import { ApiProperty } from '@nestjs/swagger';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@zhongshu/contracts';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class CalendarDayDto {
  @ApiProperty({ example: '2026-10-01' }) date!: string;
  @ApiProperty({ enum: CALENDAR_DAY_KINDS }) kind!: CalendarDayKind;
  @ApiProperty({ description: 'Whether the company works that day' }) working!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '国庆节' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'National Day' }) nameEn!: string | null;
}

export class CalendarYearDayDto extends CalendarDayDto {
  @ApiProperty({ enum: CALENDAR_DAY_KINDS, description: 'What China’s calendar says of the date, under the company’s override' }) china!: CalendarDayKind;
  @ApiProperty({ description: 'The company set this date itself' }) overridden!: boolean;
}

export class WorkingHoursDto {
  @ApiProperty({ type: [String], example: ['09:00', '12:00'] }) morning!: string[];
  @ApiProperty({ type: [String], example: ['13:00', '18:00'] }) afternoon!: string[];
  @ApiProperty({ example: 8 }) hoursPerDay!: number;
}

export class CalendarYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Whether China’s holidays of this year are known (published); otherwise only weekends and overrides apply' }) chinaCalendarKnown!: boolean;
  @ApiProperty({ type: WorkingHoursDto }) workingHours!: WorkingHoursDto;
  @ApiProperty({ type: [CalendarYearDayDto], description: 'The days that are not ordinary weekdays or weekends: holidays, adjusted working days, the company’s overrides' })
  days!: CalendarYearDayDto[];
}

export class SetOverrideDto {
  @ApiProperty({ enum: ['off', 'work'], description: 'off: the company does not work that day; work: it does' }) @IsIn(['off', 'work']) kind!: 'off' | 'work';
  @ApiProperty({ example: '司庆日' }) @IsString() @MinLength(1) @MaxLength(50) name!: string;
}
