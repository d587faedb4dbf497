import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsUUID, Matches, ValidateNested } from 'class-validator';
import { OaPermission } from '@zhongshu/contracts';
import { ApiProblems, RequirePermission } from '@zhongshu/platform';
import { BusinessBindings } from './business-bindings.service.js';

export class BusinessBindingDto {
  @ApiProperty({ example: 'crm.contract', description: '<context>.<record>' })
  @Matches(/^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*$/, { message: 'must be <context>.<record>, like crm.contract' })
  businessType!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() requestTypeId!: string;
}

export class BusinessBindingsDto {
  @ApiProperty({ type: [BusinessBindingDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => BusinessBindingDto) bindings!: BusinessBindingDto[];
}

/** Which request type approves each business type of the other contexts. */
@ApiTags('oa')
@Controller('oa/business-bindings')
export class BusinessBindingsController {
  constructor(private readonly bindings: BusinessBindings) {}

  @RequirePermission(OaPermission.RequestTypeRead)
  @Get()
  @ApiOkResponse({ type: BusinessBindingsDto })
  @ApiOperation({ summary: 'List business bindings', description: 'Which request type approves each business type of the other contexts (a contract, an expense claim).' })
  async list(): Promise<BusinessBindingsDto> {
    return { bindings: await this.bindings.list() };
  }

  /** Replaces the list. */
  @RequirePermission(OaPermission.RequestTypeManage)
  @Put()
  @ApiOkResponse({ type: BusinessBindingsDto })
  @ApiOperation({ summary: 'Replace business bindings', description: 'Replaces the whole list of bindings.' })
  @ApiProblems({ status: 422, description: "A request type does not exist, is not published, or a business type is unknown" })
  async put(@Body() body: BusinessBindingsDto): Promise<BusinessBindingsDto> {
    return { bindings: await this.bindings.put(body.bindings) };
  }
}
