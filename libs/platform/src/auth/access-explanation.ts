import { Controller, Get, Global, Injectable, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { PlatformError } from '../errors/domain-error.js';
import { CurrentPrincipal } from './current-principal.js';
import { explainAccess, type AccessReason, type ScopedRecord } from './data-scope.js';
import { RequirePermission } from './decorators.js';
import type { Principal } from './principal.js';
import { PlatformPermission, type PermissionCode } from '@zhongshu/contracts';
import { ApiProblems } from '../http/api-problems.js';

/** How a context finds the owner and department of one of its records, by id. */
export interface ScopedRecordType {
  /** The permission needed to read this kind of record; its data scope decides what is visible. */
  readPermission: PermissionCode;
  locate(id: string): Promise<ScopedRecord | undefined>;
}

/**
 * Each context registers the record types it keeps under data scope, so the
 * platform can answer "why can I see this" for any of them without knowing them.
 */
@Injectable()
export class ScopedRecordRegistry {
  private readonly types = new Map<string, ScopedRecordType>();

  register(entityType: string, type: ScopedRecordType): void {
    if (this.types.has(entityType)) throw new Error(`Scoped record type ${entityType} is registered twice`);
    this.types.set(entityType, type);
  }

  entityTypes(): string[] {
    return [...this.types.keys()].sort();
  }

  /** The reasons the caller sees the record; a record they cannot see is "not found". */
  async explain(principal: Principal, entityType: string, id: string): Promise<AccessReason[]> {
    const type = this.types.get(entityType);
    if (!type) {
      throw PlatformError.invalidQuery(`Unknown record type "${entityType}"; known: ${this.entityTypes().join(', ')}`, [
        { field: 'entityType', message: 'is not a record type under data scope' },
      ]);
    }
    const record = principal.permissions.has(type.readPermission) ? await type.locate(id) : undefined;
    const reasons = record ? explainAccess(principal, type.readPermission, record) : [];
    if (reasons.length === 0) throw PlatformError.notFound(entityType, id);
    return reasons;
  }
}

class ExplainAccessQueryDto {
  @ApiProperty({ example: 'org.person' }) @IsString() @Matches(/^[a-z]+\.[a-z-]+$/) entityType!: string;
  @ApiProperty() @IsString() @MaxLength(100) id!: string;
}

class AccessReasonDto {
  @ApiProperty() roleCode!: string;
  @ApiProperty() roleName!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ enum: ['all', 'owner', 'department'] }) matchedBy!: string;
  @ApiProperty({ required: false }) departmentId?: string;
}

class AccessExplanationDto {
  @ApiProperty() entityType!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ type: [AccessReasonDto] }) reasons!: AccessReasonDto[];
}

@ApiTags('platform')
@Controller('platform/access')
class AccessExplanationController {
  constructor(private readonly registry: ScopedRecordRegistry) {}

  /** "Why can I see this?": which of my roles, with which data scope, reaches the record. */
  @RequirePermission(PlatformPermission.AccessExplain)
  @Get('explain')
  @ApiOkResponse({ type: AccessExplanationDto })
  @ApiOperation({ summary: 'Explain why the caller sees a record', description: 'Which of the caller\'s roles, with which data scope, reaches the record of the given type and id. A record the caller cannot see answers 404, like one that does not exist.' })
  @ApiProblems(404)
  async explain(@CurrentPrincipal() principal: Principal, @Query() query: ExplainAccessQueryDto): Promise<AccessExplanationDto> {
    return { entityType: query.entityType, id: query.id, reasons: await this.registry.explain(principal, query.entityType, query.id) };
  }
}

@Global()
@Module({
  controllers: [AccessExplanationController],
  providers: [ScopedRecordRegistry],
  exports: [ScopedRecordRegistry],
})
export class AccessExplanationModule {}
