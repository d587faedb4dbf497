import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@zhongshu/contracts';

/**
 * `?pageSize=50&sort=-occurredAt&after=<cursor>` for lists that page by cursor (keyset):
 * `after` is the previous page's `nextCursor`. List DTOs extend it with their filters.
 */
export class CursorQueryDto {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; none for the first page' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'Comma-separated fields, `-` for descending: `-occurredAt`' })
  @IsOptional()
  @IsString()
  @Matches(/^-?[a-zA-Z][a-zA-Z0-9]*(,-?[a-zA-Z][a-zA-Z0-9]*)*$/, {
    message: 'must be field names separated by commas, each optionally prefixed by -',
  })
  sort?: string;
}
