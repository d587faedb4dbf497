import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsUUID, Matches, ValidateNested } from 'class-validator';
import { OaPermission } from '@zhongshu/contracts';
import { RequirePermission } from '@zhongshu/platform';
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
  async list(): Promise<BusinessBindingsDto> {
    return { bindings: await this.bindings.list() };
  }

  /** Replaces the list. */
  @RequirePermission(OaPermission.RequestTypeManage)
  @Put()
  @ApiOkResponse({ type: BusinessBindingsDto })
  async put(@Body() body: BusinessBindingsDto): Promise<BusinessBindingsDto> {
    return { bindings: await this.bindings.put(body.bindings) };
  }
}
